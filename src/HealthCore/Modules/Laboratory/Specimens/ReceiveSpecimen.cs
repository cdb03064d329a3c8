using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Laboratory;

internal sealed record ReceiveSpecimenRequest
{
    /// <summary>Default now; not in the future, not before the collection.</summary>
    [PlausibleInstant]
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The specimen's condition on receipt, e.g. "satisfactory" or "slightly lipaemic".</summary>
    [StringLength(Specimen.TextLength)]
    public string? Condition { get; init; }
}

/// <summary>The laboratory received a collected specimen: its items are ready for analysis.</summary>
internal static class ReceiveSpecimen
{
    public static Task<Results<Ok<SpecimenResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, UnprocessableProblem>> Handle(
        Guid id, ReceiveSpecimenRequest? receipt, LaboratoryDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        SpecimenSteps.RunAsync(id, db, clock, http, (specimen, request, now) =>
        {
            if (specimen.Status != SpecimenStatus.Collected)
            {
                return SpecimenProblems.IllegalTransition(specimen, "received", SpecimenStatus.Collected);
            }

            var receivedAt = receipt?.ReceivedAt ?? now;
            if (SpecimenSteps.Instant("receivedAt", receivedAt, now, specimen.CollectedAt, "the collection") is { } badTime)
            {
                return badTime;
            }

            specimen.Status = SpecimenStatus.Received;
            specimen.ReceivedAt = receivedAt;
            specimen.ReceivedBy = tenant.UserId;
            specimen.Condition = SpecimenSteps.Trimmed(receipt?.Condition);
            foreach (var item in SpecimenSteps.ItemsOf(specimen, request).Where(i => i.Status == LabItemStatus.Collected))
            {
                item.Status = LabItemStatus.Received;
                item.ReceivedAt = receivedAt;
                item.StatusChangedAt = now;
            }

            db.AuditAs(specimen, "receive");
            return null;
        }, cancellationToken);
}
