using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using HealthCore.Modules.Clinical.Notes;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Summary;

/// <param name="FollowUp">What happens after discharge (appointments, tests, advice); left out, the draft has no follow-up section.</param>
internal sealed record DischargeSummaryRequest([StringLength(NoteRules.SectionTextLength)] string? FollowUp);

/// <summary>
/// A draft discharge summary generated from what the encounter recorded, for the doctor to edit and sign through the
/// note endpoints. It is an ordinary note of type dischargeSummary, created by the same path as any note; an encounter
/// has at most one, so a second call answers 409 naming it (edit the draft, or amend the signed one).
/// </summary>
internal static class CreateDischargeSummary
{
    public const string Title = "Discharge summary";

    public static async Task<Results<Created<NoteResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Handle(
        Guid id, DischargeSummaryRequest? request, NoteDrafts drafts, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var followUp = request?.FollowUp;
        if (followUp is not null && string.IsNullOrWhiteSpace(followUp))
        {
            return FieldErrors.Invalid("followUp", "Say what follow-up is arranged, or leave followUp out.");
        }

        return await drafts.DraftAsync(
            id, NoteType.DischargeSummary, async (encounter, ct) => await DischargeSummaryContent.ComposeAsync(db, encounter, followUp?.Trim(), ct), http,
            cancellationToken);
    }
}

/// <summary>The sections of a generated discharge summary, each from the encounter's records in one query.</summary>
internal static class DischargeSummaryContent
{
    public const string HospitalCoursePlaceholder = "Nothing was recorded during the encounter: describe its course here.";

    public static async Task<NoteContent> ComposeAsync(ClinicalDb db, Encounter encounter, string? followUp, CancellationToken cancellationToken)
    {
        var diagnoses = (await DiagnosesSummaryPart.StandingAsync(db, encounter.Id, cancellationToken))
            .Where(d => d.VerificationStatus != ConditionVerificationStatus.Refuted).ToList();
        var vitals = await db.VitalsObservations.AsNoTracking().Where(v => v.EncounterId == encounter.Id && v.Status == VitalsStatus.Final)
            .OrderBy(v => v.EffectiveAt).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        var signedVersions = await db.Notes.AsNoTracking().Where(n => n.EncounterId == encounter.Id && n.Type != NoteType.DischargeSummary)
            .Join(db.Set<NoteVersion>().Where(v => v.SignedAt != null), n => n.Id, v => v.NoteId, (n, v) => new { NoteId = n.Id, n.Type, v.Number, v.Title, v.SignedAt })
            .ToListAsync(cancellationToken);
        var notes = signedVersions.GroupBy(v => v.NoteId).Select(g => g.MaxBy(v => v.Number)!)
            .Select(v => new SignedNote(v.Type, v.Title, v.SignedAt!.Value)).ToList();

        List<NoteSection> sections = [new("Reason for visit", ReasonFor(encounter))];
        if (encounter.Class == EncounterClass.Inpatient)
        {
            sections.Add(new("Admission and discharge", StayOf(encounter)));
        }

        sections.Add(new("Diagnoses", DiagnosesText(diagnoses)));
        sections.Add(new("Vitals trend", VitalsTrend(vitals)));
        sections.Add(new("Hospital course", HospitalCourse(notes)));
        if (followUp is not null)
        {
            sections.Add(new("Follow-up", followUp));
        }

        return new NoteContent(CreateDischargeSummary.Title, sections);
    }

    private sealed record SignedNote(NoteType Type, string Title, DateTimeOffset SignedAt);

    private static string ReasonFor(Encounter encounter) =>
        encounter.Reason is not { } reason
            ? encounter.Type?.Text ?? "Not recorded."
            : reason.Codes is { Count: > 0 } codes
                ? $"{reason.Text} ({string.Join("; ", codes.Select(c => $"{c.Code} {c.Display}".Trim()))})"
                : reason.Text;

    private static string StayOf(Encounter encounter) =>
        $"Admitted: {Instant(encounter.PeriodStart)}\nDischarged: {(encounter.PeriodEnd is { } end ? Instant(end) : "not yet")}";

    private static string DiagnosesText(List<Diagnosis> diagnoses) =>
        diagnoses.Count == 0
            ? "None recorded."
            : string.Join('\n', diagnoses.Select((d, i) => string.Create(
                CultureInfo.InvariantCulture,
                $"{i + 1}. {d.Code} {d.Display} ({QueryEnum.Name(d.Rank)}, {QueryEnum.Name(d.VerificationStatus)}, {QueryEnum.Name(d.ClinicalStatus)})")));

    private static string VitalsTrend(List<VitalsObservation> sets)
    {
        if (sets.Count == 0)
        {
            return "No vitals recorded.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{sets.Count} set{(sets.Count == 1 ? "" : "s")} from {Instant(sets[0].EffectiveAt)} to {Instant(sets[^1].EffectiveAt)}.");
        foreach (var sign in sets.SelectMany(s => s.Values().Select(v => (v.Definition, v.Value, s.EffectiveAt)))
            .GroupBy(v => v.Definition).OrderBy(g => g.Key.Sign))
        {
            var values = sign.Select(v => VitalsResponse.Normalized(v.Value)).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"\n{sign.Key.Display} ({sign.Key.Unit}): first {values[0]}, last {values[^1]}, min {values.Min()}, max {values.Max()}");
        }

        text.Append(sets.LastOrDefault(s => s.News2Aggregate is not null) is { } scored
            ? string.Create(CultureInfo.InvariantCulture, $"\nLast NEWS2: {scored.News2Aggregate} ({QueryEnum.Name(scored.News2Risk!.Value)}) at {Instant(scored.EffectiveAt)}")
            : "\nNEWS2: no complete set to score.");
        return text.ToString();
    }

    private static string HospitalCourse(List<SignedNote> notes) =>
        notes.Count == 0
            ? HospitalCoursePlaceholder
            : "Signed notes of the encounter:\n" + string.Join('\n', notes.OrderBy(n => n.SignedAt)
                .Select(n => $"- {Instant(n.SignedAt)} {QueryEnum.Name(n.Type)}: {n.Title}"));

    private static string Instant(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "not recorded";
}
