using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Patients;

/// <summary>
/// PATCH as a JSON merge patch (RFC 7396): the patch is merged into the patient's current document, and the result is
/// validated like a registration. Arrays are replaced whole, null removes a field. Who may send which fields is
/// decided by the fields in the patch: clinical ones need clinical.write, all others patients.write.
/// </summary>
internal static class UpdatePatient
{
    public const string MergePatchContentType = "application/merge-patch+json";

    public static async Task<Results<Ok<PatientResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, PreconditionProblem, ProblemHttpResult>> Handle(
        Guid id, PatientsDb db, IdentifierProtector protector, IAuthorizationService authorization, IPractitionerDirectory practitioners, IOptions<JsonOptions> json,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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
                title: $"The request body must be a JSON merge patch (Content-Type: {MergePatchContentType} or application/json).");
        }

        JsonObject patch;
        try
        {
            if (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken) is not JsonObject body)
            {
                return PatientRules.Invalid("$", "A merge patch must be a JSON object.");
            }

            patch = body;
        }
        catch (JsonException malformed)
        {
            return FromJson(malformed);
        }

        var access = await PatientAccess.OfAsync(authorization, http.User);
        var fields = patch.Select(p => p.Key).ToList();
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

        if (patch.ContainsKey("confirmNotDuplicate"))
        {
            return PatientRules.Invalid("confirmNotDuplicate", "Only a registration can confirm that a patient is not a duplicate.");
        }

        var options = json.Value.SerializerOptions;
        var current = PatientIdentifiers.Decrypted(protector, patient);
        PatientDetails merged;
        try
        {
            var document = JsonSerializer.SerializeToNode(Document(patient, current), options)!;
            merged = MergePatch.Apply(document, patch).Deserialize<PatientDetails>(options)
                ?? throw new JsonException("The patch removed the whole document.", "$", null, null);
        }
        catch (JsonException invalid)
        {
            return FromJson(invalid);
        }

        var errors = RequestValidation.ValidateObject(merged);
        if (errors.Count > 0)
        {
            return PatientRules.Invalid(new Dictionary<string, string[]>(errors, StringComparer.Ordinal));
        }

        var now = clock.GetUtcNow();
        if (await PatientRules.CheckAsync(merged, patient.PrimaryPractitionerId, now, http, practitioners, cancellationToken) is { } invalidRules)
        {
            return invalidRules;
        }

        var identifiersChanged = patch.ContainsKey("identifiers");
        var (plain, encrypted) = identifiersChanged
            ? PatientIdentifiers.Split(protector, patient.TenantId, merged.Identifiers, current)
            : ([.. patient.Identifiers], [.. patient.ProtectedIdentifiers]);
        patient.Apply(merged, plain, encrypted, identifiersChanged ? protector.CurrentKeyId : patient.IdentifierKeyId);

        db.ChangeTracker.DetectChanges();
        var changed = db.Entry(patient).Properties.Where(p => p.IsModified).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name)).ToList();
        if (changed.Count > 0)
        {
            if (identifiersChanged || patch.ContainsKey("telecom"))
            {
                db.LookupKeys.RemoveRange(await db.LookupKeys.Where(k => k.PatientId == patient.Id).ToListAsync(cancellationToken));
                db.LookupKeys.AddRange(PatientIdentifiers.LookupKeys(protector, patient, identifiersChanged ? merged.Identifiers ?? [] : current));
            }

            if (patch.ContainsKey("name"))
            {
                await NameVocabulary.AddAsync(db, patient, cancellationToken);
            }

            patient.UpdatedAt = now;
            db.AuditReason(PatientRules.AuditReason(http));
            db.Publish(new PatientUpdated(patient.Id, patient.Version + 1, [.. changed.Where(IsVisibleField)]), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        http.SetETag(patient);
        return TypedResults.Ok(PatientResponse.From(patient, access, protector));
    }

    /// <summary>The patient's current record in the shape clients write, protected identifiers decrypted.</summary>
    public static PatientDetails Document(Patient p, IReadOnlyList<Identifier> identifiers) => new(
        p.Name, p.BirthDate, p.Gender, identifiers, p.OtherNames, p.Telecom, p.Addresses, p.PreferredLanguage, p.MaritalStatus,
        p.EmergencyContacts, p.PrimaryPractitionerId, p.Deceased ? true : null, p.DeceasedAt, p.HeightCm, p.WeightKg, p.Allergies,
        p.Conditions, p.PastSurgeries, p.CurrentMedications, p.Consents);

    private static bool IsVisibleField(string field) => field is not ("familyKey" or "givenKey" or "identifierKeyId" or "updatedAt");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith(MergePatchContentType, StringComparison.OrdinalIgnoreCase));

    private static ValidationProblem FromJson(JsonException exception)
    {
        var problem = (HttpValidationProblemDetails)JsonProblem.From(exception);
        return TypedResults.ValidationProblem(problem.Errors, problem.Detail, title: problem.Title);
    }
}

/// <summary>RFC 7396 JSON merge patch.</summary>
internal static class MergePatch
{
    public static JsonNode Apply(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = result[name] is { } existing ? Apply(existing, value) : value.DeepClone();
            }
        }

        return result;
    }
}
