using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>The laboratory's request for an order, with its items, specimens and whether it needs recollection; a read of the patient's record.</summary>
internal static class GetLabRequest
{
    public static async Task<Results<Ok<LabRequestResponse>, NotFoundProblem>> Handle(
        Guid orderId, LaboratoryDb db, LabRequestIntake intake, HttpContext http, CancellationToken cancellationToken)
    {
        if (await intake.FindAsync(orderId, cancellationToken) is not { } request)
        {
            return SpecimenProblems.OrderNotFound(orderId);
        }

        var specimens = await db.Specimens.AsNoTracking().Where(s => s.RequestId == request.Id).OrderBy(s => s.CollectedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        await AuditReadConvention.RecordReadAsync(http, "Patient", request.PatientId.ToString());
        http.SetETag(request);
        return TypedResults.Ok(LabRequestResponse.From(request, LabRequestResponse.RejectedItems(specimens), specimens));
    }
}
