using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Patients;

internal sealed record MatchResponse(IReadOnlyList<DuplicateCandidate> Candidates);

internal static class MatchPatients
{
    public static async Task<Ok<MatchResponse>> Handle(
        PatientDetails request, PatientsDb db, IdentifierProtector protector, ICurrentTenant currentTenant, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MatchResponse(
            await DuplicateCheck.FindAsync(db, protector, currentTenant.TenantId!.Value, request, exclude: null, cancellationToken)));
}
