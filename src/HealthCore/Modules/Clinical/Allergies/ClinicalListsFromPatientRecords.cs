using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Events;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Records the allergies and conditions a patient record carried as embedded lists (migration 202612031505 of the
/// Patients module) as allergies and problem-list entries, with a first history version saying where they came from.
/// The old lists said nothing about verification, so every record is unconfirmed; their dates (recordedDate, onset)
/// are kept as midnight UTC of the day. Ids derive from the message, so a redelivery finds its records and adds none.
/// </summary>
internal sealed class ClinicalListsFromPatientRecords(ClinicalDb db, Icd10Catalog catalog) : IIntegrationEventHandler<PatientClinicalListsRetired>
{
    public const string Provenance = "Moved from the patient record's embedded list";

    /// <summary>The old list's substance codes had no system: they are kept, under a system that says so.</summary>
    public const string UnspecifiedCodeSystem = "urn:healthcore:patients:allergy-code";

    public async Task HandleAsync(PatientClinicalListsRetired retired, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var allergies = Items(retired.Allergies).Select((item, i) => Allergy(retired.PatientId, item, IdOf(context.MessageId, "allergy", i), context.OccurredAt)).ToList();
        var problems = Items(retired.Conditions).Select((item, i) => Problem(retired.PatientId, item, IdOf(context.MessageId, "problem", i), context.OccurredAt)).ToList();
        var ids = allergies.Select(a => a.Id).Concat(problems.Select(p => p.Id)).ToList();
        if (await db.Allergies.AnyAsync(a => ids.Contains(a.Id), cancellationToken) || await db.Problems.AnyAsync(p => ids.Contains(p.Id), cancellationToken))
        {
            return;
        }

        // One standing allergy per coded substance: a repeated code in the old list (or one recorded since) is not added again.
        var standing = (await db.Allergies.Where(a => a.PatientId == retired.PatientId).ToListAsync(cancellationToken))
            .Where(a => a.IsStanding && a.SubstanceCode is not null).Select(a => (a.SubstanceSystem, a.SubstanceCode)).ToHashSet();
        foreach (var allergy in allergies.Where(a => !a.IsStanding || a.SubstanceCode is null || standing.Add((a.SubstanceSystem, a.SubstanceCode))))
        {
            db.Allergies.Add(allergy);
            db.Append(allergy, RecordHistory.Create, allergy.UpdatedAt, null, Provenance);
        }

        foreach (var problem in problems)
        {
            db.Problems.Add(problem);
            db.Append(problem, RecordHistory.Create, problem.UpdatedAt, null, Provenance);
        }

        db.AuditReason(Provenance);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object) : [];

    private static AllergyIntolerance Allergy(Guid patientId, JsonElement item, Guid id, DateTimeOffset now)
    {
        var code = Text(item, "code");
        var reaction = Text(item, "reaction");
        var severity = Enum<ReactionSeverity>(item, "severity");
        return new AllergyIntolerance
        {
            Id = id,
            PatientId = patientId,
            SubstanceSystem = code is null ? null : UnspecifiedCodeSystem,
            SubstanceCode = code,
            SubstanceDisplay = Text(item, "substance") ?? code ?? "Unknown substance",
            Criticality = Enum<AllergyCriticality>(item, "criticality"),
            ClinicalStatus = Enum<AllergyClinicalStatus>(item, "status") ?? AllergyClinicalStatus.Active,
            VerificationStatus = AllergyVerificationStatus.Unconfirmed,
            Reactions = reaction is null && severity is null ? [] : [new AllergyReaction(new ClinicalCode(null, null, reaction ?? "Reaction not described"), severity, null, null)],
            RecordedAt = Date(item, "recordedDate") ?? now,
            UpdatedAt = now,
        };
    }

    private Problem Problem(Guid patientId, JsonElement item, Guid id, DateTimeOffset now)
    {
        var code = Text(item, "code") ?? "";
        var found = catalog.Find(code);
        return new Problem
        {
            Id = id,
            PatientId = patientId,
            CodeSystem = DiagnosisResponse.Icd10Cm,
            Code = found?.Code ?? code,
            Display = found?.Display ?? Text(item, "display") ?? code,
            ClinicalStatus = Enum<ConditionClinicalStatus>(item, "clinicalStatus") ?? ConditionClinicalStatus.Active,
            VerificationStatus = ConditionVerificationStatus.Unconfirmed,
            OnsetAt = Date(item, "onset"),
            Note = Text(item, "notes"),
            RecordedAt = now,
            UpdatedAt = now,
        };
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static TEnum? Enum<TEnum>(JsonElement item, string name)
        where TEnum : struct, Enum => QueryEnum.TryParse<TEnum>(Text(item, name), out var value) ? value : null;

    private static DateTimeOffset? Date(JsonElement item, string name) =>
        DateOnly.TryParseExact(Text(item, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static Guid IdOf(Guid messageId, string kind, int index) =>
        new(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{messageId}/{kind}/{index}")).AsSpan(0, 16));
}
