using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Laboratory;

internal sealed record RejectSpecimenRequest
{
    [Required]
    public SpecimenRejectionReason? Reason { get; init; }

    [StringLength(Specimen.NoteLength)]
    public string? Note { get; init; }
}

/// <summary>
/// Rejects a specimen that cannot be analysed (haemolysed, clotted, too little, mislabelled, contaminated) before any
/// result came from it: its items go back to awaiting collection, so that they show on the worklist as needing a new
/// specimen, and the ordering team is told to recollect.
/// </summary>
internal static class RejectSpecimen
{
    public const string TemplateKey = "lab.specimen.rejected";

    public static async Task<Results<Ok<SpecimenResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, UnprocessableProblem>> Handle(
        Guid id, RejectSpecimenRequest body, LaboratoryDb db, LabNotifier notifier, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        LabRequest? rejectedFrom = null;
        List<LabRequestItem> recollect = [];
        var result = await SpecimenSteps.RunAsync(id, db, clock, http, (specimen, request, now) =>
        {
            if (specimen.Status is not (SpecimenStatus.Collected or SpecimenStatus.Received))
            {
                return SpecimenProblems.IllegalTransition(specimen, "rejected", SpecimenStatus.Collected, SpecimenStatus.Received);
            }

            var items = SpecimenSteps.ItemsOf(specimen, request).Where(i => i.Status != LabItemStatus.Cancelled).ToList();
            if (items.Where(i => i.Status is not (LabItemStatus.Collected or LabItemStatus.Received)).ToList() is { Count: > 0 } resulted)
            {
                return SpecimenProblems.ResultsEntered(resulted);
            }

            specimen.Status = SpecimenStatus.Rejected;
            specimen.RejectionReason = body.Reason;
            specimen.RejectionNote = SpecimenSteps.Trimmed(body.Note);
            specimen.RejectedAt = now;
            specimen.RejectedBy = tenant.UserId;
            foreach (var item in items)
            {
                item.Status = LabItemStatus.AwaitingCollection;
                item.SpecimenId = null;
                item.CollectedAt = null;
                item.ReceivedAt = null;
                item.StatusChangedAt = now;
            }

            db.AuditAs(specimen, "reject");
            (rejectedFrom, recollect) = (request, items);
            return null;
        }, cancellationToken);

        if (result.Result is Ok<SpecimenResponse> { Value: { } rejected } && rejectedFrom is not null)
        {
            var payload = new JsonObject
            {
                ["specimen"] = new JsonObject
                {
                    ["accession"] = rejected.Accession,
                    ["reason"] = QueryEnum.Name(rejected.RejectionReason!.Value),
                    ["note"] = rejected.RejectionNote ?? "",
                    ["tests"] = string.Join(", ", recollect.Select(i => i.Display ?? i.Code)),
                },
            };
            await notifier.TellOrderingTeamAsync(rejectedFrom, TemplateKey, payload, $"{TemplateKey}:{rejected.Id}", cancellationToken);
        }

        return result;
    }
}
