using HealthCore.Modules.Clinical.Notes;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Demo;

/// <summary>
/// What a demo encounter recorded once it began: vitals sets through its period (most calm, some scoring NEWS2 medium
/// or high), an ICD-10-CM primary diagnosis and sometimes a secondary one, and a note by its practitioner, signed when
/// the encounter is completed. An encounter that already has any clinical record is left as it is, so a rerun adds
/// nothing; the choices are seeded by the encounter's id, so they are the same on every run.
/// </summary>
internal sealed class EncounterRecordsDemo(ClinicalDb db, Icd10Catalog catalog, IPractitionerDirectory practitioners)
{
    private static readonly (string Primary, string Reason)[] Ambulatory =
    [
        ("I10", "Blood pressure review"), ("E11.9", "Diabetes follow-up"), ("J06.9", "Sore throat and fever"), ("R07.9", "Chest pain"),
        ("I48.91", "Palpitations"), ("K21.9", "Heartburn"), ("J45.909", "Wheeze"), ("R51.9", "Headache"),
    ];

    private static readonly (string Primary, string Reason)[] Inpatient =
    [
        ("J18.9", "Community-acquired pneumonia"), ("I50.9", "Worsening breathlessness and leg swelling"), ("N39.0", "Urinary tract infection with confusion"),
        ("J44.1", "Exacerbation of COPD"), ("I21.4", "Chest pain with raised troponin"), ("K35.80", "Right iliac fossa pain"), ("A09", "Diarrhoea and vomiting"),
    ];

    private static readonly string[] Comorbidities = ["I10", "E11.9", "E78.5", "I48.91"];

    private static readonly VitalsSet Calm = new(36.8m, 76, 16, 128, 78, 97, false, Consciousness: Consciousness.Alert, PainScore: 1);

    // NEWS2 5 (medium): RR 22 (2), SpO2 94 (1), HR 105 (1), temperature 38.4 (1).
    private static readonly VitalsSet Unwell = new(38.4m, 105, 22, 118, 72, 94, false, Consciousness: Consciousness.Alert, PainScore: 4);

    // NEWS2 13 (high): RR 26 (3), SpO2 91 (3), on oxygen (2), systolic 98 (2), HR 118 (2), temperature 38.9 (1).
    private static readonly VitalsSet Deteriorating = new(38.9m, 118, 26, 98, 60, 91, true, Consciousness: Consciousness.Alert, PainScore: 6);

    public async Task SeedAsync(Encounter encounter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (encounter.PeriodStart is not { } start || await HasRecordsAsync(encounter.Id, cancellationToken))
        {
            return;
        }

        var random = new DemoRandom(DemoSeedContext.RandomSeed ^ encounter.Id.GetHashCode());
        var end = encounter.PeriodEnd ?? now;
        var inpatient = encounter.Class == EncounterClass.Inpatient;
        var sets = inpatient ? random.Int(3, 6) : random.Int(1, 2);
        var profile = random.Weighted([Calm, Unwell, Deteriorating], [0.7, 0.2, 0.1]);
        for (var i = 0; i < sets; i++)
        {
            // The worst set comes first and the patient settles, as most do; a calm stay stays calm.
            var set = i == 0 ? profile : i == sets - 1 ? Calm : random.Pick(profile, Calm);
            var check = VitalsValidation.Check(set);
            var takenAt = start + ((end - start) * i / sets) + TimeSpan.FromMinutes(5);
            db.VitalsObservations.Add(VitalsObservation.Record(encounter.PatientId, encounter, null, set, check, Earlier(takenAt, now), now, null));
        }

        var (primary, reason) = random.Pick(inpatient ? Inpatient : Ambulatory);
        AddDiagnosis(encounter, primary, DiagnosisRank.Primary, now);
        if (random.Int(1, 3) == 1 && random.Pick(Comorbidities) is var comorbidity && comorbidity != primary)
        {
            AddDiagnosis(encounter, comorbidity, DiagnosisRank.Secondary, now);
        }

        if (await AuthorAsync(encounter, cancellationToken) is { } author)
        {
            var note = Note.Draft(
                encounter, inpatient ? NoteType.HistoryAndExamination : NoteType.Progress,
                new NoteContent(
                    inpatient ? "Admission clerking" : "Clinic review",
                    [new NoteSection("Presenting complaint", reason), new NoteSection("Plan", inpatient ? "Treat as per diagnosis; review on the ward round." : "Treat and review in clinic.")]),
                author, Earlier(start.AddMinutes(30), now));
            if (encounter.Status == EncounterStatus.Completed || random.Bool())
            {
                note.SignCurrent(author.UserId, Earlier(start.AddHours(1), now));
            }

            db.Notes.Add(note);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<bool> HasRecordsAsync(Guid encounterId, CancellationToken cancellationToken) =>
        db.Encounters.Where(e => e.Id == encounterId)
            .AnyAsync(_ => db.VitalsObservations.Any(v => v.EncounterId == encounterId) || db.Diagnoses.Any(d => d.EncounterId == encounterId)
                || db.Notes.Any(n => n.EncounterId == encounterId), cancellationToken);

    private void AddDiagnosis(Encounter encounter, string code, DiagnosisRank rank, DateTimeOffset now)
    {
        if (catalog.Find(code) is not { } coded)
        {
            return;
        }

        db.Diagnoses.Add(new Diagnosis
        {
            EncounterId = encounter.Id, PatientId = encounter.PatientId, FacilityId = encounter.FacilityId, Code = coded.Code, Display = coded.Display,
            Rank = rank, ClinicalStatus = ConditionClinicalStatus.Active, VerificationStatus = ConditionVerificationStatus.Confirmed,
            RecordedAt = now, UpdatedAt = now,
        });
    }

    /// <summary>The encounter's first practitioner with a user account: notes are written by users.</summary>
    private async Task<NoteAuthor?> AuthorAsync(Encounter encounter, CancellationToken cancellationToken)
    {
        foreach (var participant in encounter.Participants)
        {
            if (await practitioners.FindPractitionerAsync(participant.PractitionerId, cancellationToken) is { UserId: { } user })
            {
                return new NoteAuthor(user, participant.PractitionerId);
            }
        }

        return null;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
