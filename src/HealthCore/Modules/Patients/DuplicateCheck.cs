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
        var identifierKeys = (details.Identifiers ?? [])
            .Select(i => (System: i.System.Trim().ToLowerInvariant(), Key: protector.LookupKey(tenantId, i.System.Trim(), i.Value)))
            .ToList();
        var systems = identifierKeys.Select(k => k.System).Distinct().ToList();
        var keys = identifierKeys.Select(k => k.Key).Distinct().ToList();
        var family = NameKeys.Normalize(details.Name?.Family);
        var given = NameKeys.Normalize(details.Name?.Given is { Count: > 0 } givenNames ? givenNames[0] : null);
        var birthDate = family.Length > 0 ? details.BirthDate : null;
        var phones = family.Length > 0
            ? (details.Telecom ?? []).Where(t => t.System == ContactPointSystem.Phone).Select(t => t.Value).Distinct().ToList()
            : [];

        // One query: the ids each rule finds (each branch served by its own index), then those patients with what matched.
        var branches = new List<IQueryable<Guid>>();
        if (keys.Count > 0)
        {
            // Constraining the system too lets the (tenant, system, key) index find the keys instead of walking the tenant's.
            branches.Add(db.LookupKeys.Where(k => systems.Contains(k.System) && keys.Contains(k.Key)).Select(k => k.PatientId));
        }

        if (birthDate is { } born)
        {
            branches.Add(db.Patients.Where(p => p.Active && p.BirthDate == born).OrderBy(p => p.Id).Select(p => p.Id).Take(1000));
        }

        if (phones.Count > 0)
        {
            branches.Add(db.LookupKeys.Where(k => k.System == PatientLookupKey.PhoneSystem && phones.Contains(k.Key)).Select(k => k.PatientId).Take(1000));
        }

        if (branches.Count == 0)
        {
            return [];
        }

        var ids = branches.Aggregate((all, branch) => all.Union(branch));
        var matches = await db.Patients.AsNoTracking()
            .Where(p => p.Active && ids.Contains(p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Mrn,
                p.Name,
                p.BirthDate,
                p.FamilyKey,
                p.GivenKey,
                Identifiers = db.LookupKeys.Where(k => k.PatientId == p.Id && systems.Contains(k.System) && keys.Contains(k.Key))
                    .Select(k => new { k.System, k.Key }).ToList(),
                SamePhone = db.LookupKeys.Any(k => k.PatientId == p.Id && k.System == PatientLookupKey.PhoneSystem && phones.Contains(k.Key)),
            })
            .Take(3000)
            .ToListAsync(cancellationToken);

        var found = new Dictionary<Guid, (string Reason, double Score)>();
        void Consider(Guid id, string reason, double score)
        {
            if (id != exclude && (!found.TryGetValue(id, out var existing) || existing.Score < score))
            {
                found[id] = (reason, Math.Round(score, 2));
            }
        }

        foreach (var p in matches)
        {
            if (p.Identifiers.Any(k => identifierKeys.Contains((k.System, k.Key))))
            {
                Consider(p.Id, IdentifierReason, 1.0);
            }

            var score = family.Length > 0 ? NameScore(family, given, p.FamilyKey, p.GivenKey) : 0;
            if (score >= SimilarName && p.BirthDate == birthDate)
            {
                Consider(p.Id, BirthDateReason, 0.5 + (0.45 * score));
            }

            if (score >= SimilarName && p.SamePhone)
            {
                Consider(p.Id, PhoneReason, 0.4 + (0.45 * score));
            }
        }

        return [.. matches
            .Where(p => found.ContainsKey(p.Id))
            .Select(p => new DuplicateCandidate(p.Id, p.Mrn, Patient.DisplayNameOf(p.Name), p.BirthDate, found[p.Id].Reason, found[p.Id].Score))
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
