using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal static class LabReportProblems
{
    public static ConflictProblem ItemNotReady(LabRequestItem item) => item.Status == LabItemStatus.Cancelled
        ? new ConflictProblem("The item is cancelled.", $"{item.Code} was cancelled: it takes no results.", Extensions("item-cancelled", item.Status))
        : item.Status >= LabItemStatus.Final
            ? new ConflictProblem(
                "The item's results are released.", $"{item.Code} is {QueryEnum.Name(item.Status)}: change released results by correcting the report.", Extensions("results-released", item.Status))
            : new ConflictProblem(
                "The specimen has not been received.", $"{item.Code} is {QueryEnum.Name(item.Status)}: results are entered once its specimen is received.", Extensions("item-not-received", item.Status));

    public static ConflictProblem NotPreliminary(LabReport report) => new(
        "Only preliminary results are verified.", $"Version {report.Version} of the report is {QueryEnum.Name(report.Status)}.",
        new Dictionary<string, object?> { ["rule"] = "verify-preliminary-only", ["currentStatus"] = QueryEnum.Name(report.Status) });

    public static ConflictProblem NotReleased(LabReport report) => new(
        "Only released results are corrected.", $"Version {report.Version} of the report is {QueryEnum.Name(report.Status)}: re-enter preliminary results instead.",
        new Dictionary<string, object?> { ["rule"] = "correct-released-only", ["currentStatus"] = QueryEnum.Name(report.Status) });

    public static ForbiddenProblem EntererVerifies() => new(
        "The enterer cannot verify their own result.",
        "Rule four-eyes-verification: results are verified by a user other than the one who entered or last changed them.");

    public static ConflictProblem ChangedConcurrently() => new(
        "The results were changed at the same time.", "Someone else changed this order's results meanwhile; read the report again and retry.",
        new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    /// <summary>Saves; a 409 when another change of the order's results won the race (the request's version, or a report version taken twice).</summary>
    public static async Task<ConflictProblem?> SaveAsync(LaboratoryDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedConcurrently();
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return ChangedConcurrently();
        }
    }

    private static Dictionary<string, object?> Extensions(string rule, LabItemStatus status) =>
        new() { ["rule"] = rule, ["currentStatus"] = QueryEnum.Name(status) };
}
