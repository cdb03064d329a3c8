using System.Text.Json;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// PATCH as a JSON merge patch (RFC 7396): the patch is merged into the patient's current document, and the result is
/// validated like a registration. Arrays are replaced whole, null removes a field. Who may send which fields is
/// decided by the fields in the patch: clinical ones need clinical.write, all others patients.write.
/// </summary>
internal static class UpdatePatient
{
    public static async Task<Results<Ok<PatientResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, PreconditionProblem, ProblemHttpResult>> Handle(
        Guid id, PatientsDb db, IdentifierProtector protector, IAuthorizationService authorization, IPractitionerDirectory practitioners, MergePatch mergePatch,
        KnownNames knownNames, IPatientClinicalSummary summaries, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        if (!IsJson(http.Request.ContentType))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"The request body must be a JSON merge patch (Content-Type: {MergePatch.MediaType} or application/json).");
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException malformed)
        {
            return FromJson(malformed);
        }

        using var owned = body;
        var patch = body.RootElement;
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return FieldErrors.Invalid("$", "A merge patch must be a JSON object.");
        }

        if (RetiredField(patch) is { } retired)
        {
            return retired;
        }

        var access = await PatientAccess.OfAsync(authorization, http.User);
        var fields = patch.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        if (fields.Any(PatientDetails.ClinicalFields.Contains) && !access.WriteClinical)
        {
            return PatientProblems.ClinicalWriteForbidden;
        }

        if (fields.Any(f => !PatientDetails.ClinicalFields.Contains(f)) && !access.WriteDemographics)
        {
            return PatientProblems.DemographicsWriteForbidden;
        }

        if (db.CheckIfMatch(http.Request, patient) is { } precondition)
        {
            return precondition;
        }

        if (Has(patch, "confirmNotDuplicate"))
        {
            return FieldErrors.Invalid("confirmNotDuplicate", "Only a registration can confirm that a patient is not a duplicate.");
        }

        var current = PatientIdentifiers.Decrypted(protector, patient);
        var result = mergePatch.Apply(Document(patient, current), patch);
        if (result.Document is not { } merged)
        {
            return result.Problem!;
        }

        var now = clock.GetUtcNow();
        if (await PatientRules.CheckAsync(merged, patient.PrimaryPractitionerId, now, http, practitioners, cancellationToken) is { } invalidRules)
        {
            return invalidRules;
        }

        var identifiersChanged = Has(patch, "identifiers");
        var (plain, encrypted) = identifiersChanged
            ? PatientIdentifiers.Split(protector, patient.TenantId, merged.Identifiers, current)
            : ([.. patient.Identifiers], [.. patient.ProtectedIdentifiers]);
        patient.Apply(merged, plain, encrypted, identifiersChanged ? protector.CurrentKeyId : patient.IdentifierKeyId);

        db.ChangeTracker.DetectChanges();
        var changed = db.Entry(patient).Properties.Where(p => p.IsModified).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name)).ToList();
        if (changed.Count > 0)
        {
            if (identifiersChanged || Has(patch, "telecom"))
            {
                db.LookupKeys.RemoveRange(await db.LookupKeys.Where(k => k.PatientId == patient.Id).ToListAsync(cancellationToken));
                db.LookupKeys.AddRange(PatientIdentifiers.LookupKeys(protector, patient, identifiersChanged ? merged.Identifiers ?? [] : current));
            }

            var newNames = Has(patch, "name") ? NameVocabulary.Add(db, knownNames, patient) : [];

            patient.UpdatedAt = now;
            db.AuditReason(PatientRules.AuditReason(http));
            db.Publish(new PatientUpdated(patient.Id, patient.Version + 1, [.. changed.Where(IsVisibleField)]), now);
            await db.SaveChangesAsync(cancellationToken);
            knownNames.Remember(patient.TenantId, newNames);
        }

        http.SetETag(patient);
        return TypedResults.Ok(PatientResponse.From(patient, access, protector, await summaries.ForAsync(patient.Id, access, cancellationToken)));
    }

    /// <summary>The patient's current record in the shape clients write, protected identifiers decrypted.</summary>
    public static PatientDetails Document(Patient p, IReadOnlyList<Identifier> identifiers) => new(
        p.Name, p.BirthDate, p.Gender, identifiers, p.OtherNames, p.Telecom, p.Addresses, p.PreferredLanguage, p.MaritalStatus,
        p.EmergencyContacts, p.PrimaryPractitionerId, p.Deceased ? true : null, p.DeceasedAt, p.HeightCm, p.WeightKg, null,
        null, p.PastSurgeries, p.CurrentMedications, p.Consents);

    private static bool Has(JsonElement patch, string member) => patch.TryGetProperty(member, out _);

    /// <summary>Allergies and conditions left the patient record: a patch that still sends them is answered, whoever sends it, before anything else.</summary>
    private static ValidationProblem? RetiredField(JsonElement patch) =>
        Has(patch, "allergies") ? FieldErrors.Invalid("allergies", PatientDetails.RetiredAllergies)
        : Has(patch, "conditions") ? FieldErrors.Invalid("conditions", PatientDetails.RetiredConditions)
        : null;

    private static bool IsVisibleField(string field) => field is not ("familyKey" or "givenKey" or "identifierKeyId" or "updatedAt");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith(MergePatch.MediaType, StringComparison.OrdinalIgnoreCase));

    private static ValidationProblem FromJson(JsonException exception)
    {
        var problem = (HttpValidationProblemDetails)JsonProblem.From(exception);
        return TypedResults.ValidationProblem(problem.Errors, problem.Detail, title: problem.Title);
    }
}
