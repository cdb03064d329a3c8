using System.Security.Claims;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace HealthCore.Modules.Patients;

/// <summary>
/// What the caller may see and change of a patient record beyond the endpoint's permission: demographics need
/// patients.write, clinical fields clinical.read / clinical.write, unmasked protected identifiers patients.identifiers.read.
/// </summary>
internal sealed record PatientAccess(bool WriteDemographics, bool ReadClinical, bool WriteClinical, bool ReadIdentifiers)
{
    public static async Task<PatientAccess> OfAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        new(
            await HasAsync(authorization, user, Permissions.PatientsWrite),
            await HasAsync(authorization, user, Permissions.ClinicalRead),
            await HasAsync(authorization, user, Permissions.ClinicalWrite),
            await HasAsync(authorization, user, Permissions.PatientsIdentifiersRead));

    private static async Task<bool> HasAsync(IAuthorizationService authorization, ClaimsPrincipal user, string permission) =>
        (await authorization.AuthorizeAsync(user, null, new PermissionRequirement(permission))).Succeeded;
}
