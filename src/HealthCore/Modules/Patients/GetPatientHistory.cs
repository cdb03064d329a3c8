using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Audit.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

internal sealed record PatientHistoryEntry(
    Guid Id, DateTimeOffset OccurredAt, Guid? ActorId, string? ActorName, string Action, JsonElement? Changes, string? Reason, string? CorrelationId);

internal sealed record HistoryCursor(Guid Before);

internal static class GetPatientHistory
{
    public static async Task<Results<Ok<Page<PatientHistoryEntry>>, ValidationProblem, NotFoundProblem>> Handle(
        Guid id, [AsParameters] PageRequest page, PatientsDb db, IAuditTrail trail, CursorCodec cursors,
        IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Patient", id);
        }

        Guid? before = null;
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<HistoryCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            before = position!.Before;
        }

        var access = await PatientAccess.OfAsync(authorization, http.User);
        var entries = await trail.ForEntityAsync(nameof(Patient), id.ToString(), before, page.EffectiveLimit + 1, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(entries, page.EffectiveLimit, e => cursors.Encode(new HistoryCursor(e.Id)), e => new PatientHistoryEntry(
            e.Id, e.OccurredAt, e.ActorId, e.ActorName, e.Action, Changes(e.Changes, access.ReadClinical), e.Reason, e.CorrelationId)));
    }

    private static JsonElement? Changes(string? changes, bool showClinical)
    {
        if (changes is null)
        {
            return null;
        }

        if (!showClinical && JsonNode.Parse(changes) is JsonArray fields)
        {
            foreach (var field in fields.OfType<JsonObject>().Where(f => PatientDetails.ClinicalFields.Contains(f["field"]?.GetValue<string>() ?? "")))
            {
                field["before"] = AuditInterceptor.Masked;
                field["after"] = AuditInterceptor.Masked;
            }

            changes = fields.ToJsonString();
        }

        return JsonDocument.Parse(changes).RootElement.Clone();
    }
}
