using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>An existing patient who may be the one being registered, with why and how likely (0..1).</summary>
internal sealed record DuplicateCandidate(Guid Id, string Mrn, string DisplayName, DateOnly BirthDate, string Reason, double Score);

/// <summary>
/// Finds likely duplicates of a proposed registration among the tenant's active patients: a shared identifier
/// (score 1), the same birth date with a similar name, or a shared phone number with a similar name. Names are
/// compared both ways round, since family and given names are often swapped at a registration desk.
/// </summary>
internal static class DuplicateCheck
{
    public const string IdentifierReason = "identifier";
    public const string BirthDateReason = "birthDate+name";
    public const string PhoneReason = "phone+name";
    private const double SimilarName = 0.75;
    private const int MaxCandidates = 10;

    public static async Task<List<DuplicateCandidate>> FindAsync(
        PatientsDb db, IdentifierProtector protector, Guid tenantId, PatientDetails details, Guid? exclude, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, (string Reason, double Score)>();
        void Consider(Guid id, string reason, double score)
        {
            if (id != exclude && (!found.TryGetValue(id, out var existing) || existing.Score < score))
            {
                found[id] = (reason, Math.Round(score, 2));
            }
        }

        var identifierKeys = (details.Identifiers ?? [])
            .Select(i => (System: i.System.Trim().ToLowerInvariant(), Key: protector.LookupKey(tenantId, i.System.Trim(), i.Value)))
            .ToList();
        if (identifierKeys.Count > 0)
        {
            var systems = identifierKeys.Select(k => k.System).Distinct().ToList();
            var keys = identifierKeys.Select(k => k.Key).Distinct().ToList();

            // Constraining the system too lets the (tenant, system, key) index find the keys instead of walking the tenant's.
            var matches = await db.LookupKeys.AsNoTracking().Where(k => systems.Contains(k.System) && keys.Contains(k.Key)).ToListAsync(cancellationToken);
            foreach (var match in matches.Where(m => identifierKeys.Contains((m.System, m.Key))))
            {
                Consider(match.PatientId, IdentifierReason, 1.0);
            }
        }

        var family = NameKeys.Normalize(details.Name?.Family);
        var given = NameKeys.Normalize(details.Name?.Given is { Count: > 0 } givenNames ? givenNames[0] : null);
        if (details.BirthDate is { } birthDate && family.Length > 0)
        {
            var sameBirthDate = await db.Patients.AsNoTracking().Where(p => p.Active && p.BirthDate == birthDate)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.FamilyKey, p.GivenKey }).Take(1000).ToListAsync(cancellationToken);
            foreach (var p in sameBirthDate)
            {
                if (NameScore(family, given, p.FamilyKey, p.GivenKey) is var score and >= SimilarName)
                {
                    Consider(p.Id, BirthDateReason, 0.5 + (0.45 * score));
                }
            }
        }

        var phones = (details.Telecom ?? []).Where(t => t.System == ContactPointSystem.Phone).Select(t => t.Value).Distinct().ToList();
        if (phones.Count > 0 && family.Length > 0)
        {
            var samePhone = await db.Patients.AsNoTracking()
                .Where(p => p.Active && db.LookupKeys.Any(k => k.PatientId == p.Id && k.System == PatientLookupKey.PhoneSystem && phones.Contains(k.Key)))
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.FamilyKey, p.GivenKey }).Take(1000).ToListAsync(cancellationToken);
            foreach (var p in samePhone)
            {
                if (NameScore(family, given, p.FamilyKey, p.GivenKey) is var score and >= SimilarName)
                {
                    Consider(p.Id, PhoneReason, 0.4 + (0.45 * score));
                }
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var ids = found.Keys.ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Active).ToListAsync(cancellationToken);
        return [.. patients
            .Select(p => new DuplicateCandidate(p.Id, p.Mrn, p.DisplayName, p.BirthDate, found[p.Id].Reason, found[p.Id].Score))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Id)
            .Take(MaxCandidates)];
    }

    /// <summary>0..1 for two names (family, first given), the better of straight and swapped; family names weigh more.</summary>
    public static double NameScore(string family, string given, string otherFamily, string otherGivenNames)
    {
        var otherGiven = otherGivenNames.Split(' ', 2)[0];
        return Math.Max(Score(family, given, otherFamily, otherGiven), Score(given, family, otherFamily, otherGiven));
    }

    private static double Score(string family, string given, string otherFamily, string otherGiven)
    {
        var familyScore = NameKeys.Similarity(family, otherFamily);
        if (given.Length == 0 || otherGiven.Length == 0)
        {
            return familyScore * 0.9;
        }

        var givenScore = NameKeys.Similarity(given, otherGiven);
        if (given[0] == otherGiven[0] && (given.Length == 1 || otherGiven.Length == 1))
        {
            givenScore = Math.Max(givenScore, 0.8); // an initial matches the name it stands for
        }

        return (familyScore * 0.6) + (givenScore * 0.4);
    }
}
