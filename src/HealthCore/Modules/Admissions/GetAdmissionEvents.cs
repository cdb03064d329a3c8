using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record AdmissionEventResponse(
    int Sequence,
    AdmissionEventType Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid? ActorId,
    Guid? BedId,
    Guid? WardId,
    Guid? DepartmentId,
    Guid? FromBedId,
    Guid? FromWardId,
    Guid? FromDepartmentId,
    BedStatus? BedStatusFrom,
    BedStatus? BedStatusTo,
    string? Reason,
    JsonElement? Details)
{
    public static AdmissionEventResponse From(AdmissionEvent e) =>
        new(e.Sequence, e.Type, e.OccurredAt, e.RecordedAt, e.ActorId, e.BedId, e.WardId, e.DepartmentId, e.FromBedId, e.FromWardId,
            e.FromDepartmentId, e.BedStatusFrom, e.BedStatusTo, e.Reason, e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone());
}

internal sealed record AdmissionEventsResponse(Guid AdmissionId, IReadOnlyList<AdmissionEventResponse> Items);

internal static class GetAdmissionEvents
{
    public static async Task<Results<Ok<AdmissionEventsResponse>, NotFoundProblem>> Handle(Guid id, AdmissionsDb db, CancellationToken cancellationToken)
    {
        if (!await db.Admissions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Admission", id);
        }

        var events = await db.Events.AsNoTracking().Where(e => e.AdmissionId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AdmissionEventsResponse(id, events.ConvertAll(AdmissionEventResponse.From)));
    }
}
