using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

internal static class RegisterPatient
{
    public static async Task<Results<Created<PatientResponse>, ValidationProblem, ForbiddenProblem, ConflictProblem>> Handle(
        PatientDetails request, PatientsDb db, IdentifierProtector protector, ICurrentTenant currentTenant, ITenantSettings settings, IPractitionerDirectory practitioners,
        MrnGenerator mrns, KnownNames knownNames, IAuthorizationService authorization, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var access = await PatientAccess.OfAsync(authorization, http.User);
        if (request.HasClinicalData && !access.WriteClinical)
        {
            return PatientProblems.ClinicalWriteForbidden;
        }

        var now = clock.GetUtcNow();
        if (await PatientRules.CheckAsync(request, null, now, http, practitioners, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var tenantId = currentTenant.TenantId!.Value;

        // One pooled connection for the duplicate check, the MRN block and the save, instead of one (and its reset) each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var candidates = await DuplicateCheck.FindAsync(db, protector, tenantId, request, exclude: null, cancellationToken);
        if (candidates.Count > 0 && request.ConfirmNotDuplicate != true)
        {
            return PatientProblems.PossibleDuplicates(candidates);
        }

        var patient = new Patient { Mrn = await mrns.NextAsync(db, settings, tenantId, cancellationToken), TenantId = tenantId, CreatedAt = now, UpdatedAt = now };
        var (plain, encrypted) = PatientIdentifiers.Split(protector, tenantId, request.Identifiers, []);
        patient.Apply(request, plain, encrypted, protector.CurrentKeyId);
        var newNames = NameVocabulary.Add(db, knownNames, patient);
        db.Patients.Add(patient);
        db.LookupKeys.AddRange(PatientIdentifiers.LookupKeys(protector, patient, request.Identifiers ?? []));
        if (candidates.Count > 0)
        {
            // The clerk looked at the candidates and registered anyway: the audit trail says so, and whom they were.
            db.AuditReason($"confirmNotDuplicate: registered despite possible duplicates {string.Join(", ", candidates.Select(c => c.Mrn))}");
        }

        db.Publish(new PatientRegistered(patient.Id, patient.Mrn), now);
        await db.SaveChangesAsync(cancellationToken);
        knownNames.Remember(tenantId, newNames);
        http.SetETag(patient);
        return TypedResults.Created($"/api/v1/patients/{patient.Id}", PatientResponse.From(patient, access, protector, PatientClinicalSummary.Empty));
    }
}
