using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// The tenant's distinct name keys (<see cref="PatientNameKey"/>) and the deletion neighbourhood of their words
/// (<see cref="PatientNameVariant"/>): typo-tolerant search looks up the term's own deletions there, exact index probes,
/// instead of comparing the term with every name. A word of 3 to 5 letters has its one-letter deletions, a word of 6 to
/// 20 letters also its two-letter ones (a term of 8 or more letters may be two edits from a word of 6), a longer word
/// one-letter deletions only. Migration 202612030900 fills the table for names stored before it, with the same rule in SQL.
/// </summary>
internal static class NameVocabulary
{
    private const int MaxCandidates = 300;
    private const int MaxCloseNames = 50;

    /// <summary>
    /// Adds the patient's names to the next SaveChanges unless <paramref name="known"/> has them (or this save already
    /// adds them); returns what it added, to tell <see cref="KnownNames.Remember"/> once saved. An existing row is kept.
    /// </summary>
    public static List<(string Kind, string Key)> Add(PatientsDb db, KnownNames known, Patient patient)
    {
        var added = new List<(string Kind, string Key)>();
        foreach (var (kind, key) in new[] { (PatientNameKey.Family, patient.FamilyKey), (PatientNameKey.Given, patient.GivenKey) })
        {
            if (key.Length == 0 || known.Contains(patient.TenantId, kind, key)
                || db.ChangeTracker.Entries<PatientNameKey>().Any(e => e.Entity.TenantId == patient.TenantId && e.Entity.Kind == kind && e.Entity.Key == key))
            {
                continue;
            }

            db.NameKeys.Add(new PatientNameKey { TenantId = patient.TenantId, Kind = kind, Key = key });
            db.NameVariants.AddRange(WordVariants(key).Select(variant => new PatientNameVariant { TenantId = patient.TenantId, Kind = kind, Variant = variant, Key = key }));
            added.Add((kind, key));
        }

        return added;
    }

    /// <summary>The name keys of this kind with a word within the term's typing tolerance, closest first.</summary>
    /// <summary>The tenant's names within the term's typing tolerance, closest first, each with its distance.</summary>
    public static async Task<List<(string Name, int Distance)>> CloseNamesAsync(PatientsDb db, string kind, string term, CancellationToken cancellationToken)
    {
        var tolerance = NameKeys.Tolerance(term);
        var variants = Deletions(term, tolerance).ToList();
        var candidates = await db.NameVariants.AsNoTracking()
            .Where(v => v.Kind == kind && variants.Contains(v.Variant))
            .Select(v => v.Key).Distinct().OrderBy(key => key).Take(MaxCandidates)
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Select(name => (Name: name, Distance: Words(name).Min(word => NameKeys.Distance(term, word))))
            .Where(c => c.Distance <= tolerance)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxCloseNames)];
    }

    /// <summary>A name key and each of its words ("van der berg", "van", "der", "berg").</summary>
    public static IEnumerable<string> Words(string key) =>
        key.Contains(' ', StringComparison.Ordinal) ? [key, .. key.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [key];

    /// <summary>The deletion neighbourhood of a key's words as stored (see the class summary for the rule).</summary>
    public static IEnumerable<string> WordVariants(string key) =>
        key.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 3)
            .SelectMany(word => Deletions(word, word.Length is >= 6 and <= 20 ? 2 : 1))
            .Distinct(StringComparer.Ordinal);

    /// <summary>The word and every string left by deleting up to <paramref name="count"/> of its letters.</summary>
    public static IEnumerable<string> Deletions(string word, int count)
    {
        var found = new HashSet<string>(StringComparer.Ordinal) { word };
        var current = new List<string> { word };
        for (var round = 0; round < count; round++)
        {
            current = [.. current.SelectMany(w => Enumerable.Range(0, w.Length).Select(i => w.Remove(i, 1))).Where(found.Add)];
        }

        return found;
    }
}

/// <summary>
/// Name keys this instance knows to be in the vocabulary, so that a registration adds its names only when they are new
/// to it. Bounded: when full it starts again, which costs one kept-existing insert per name afterwards.
/// </summary>
internal sealed class KnownNames
{
    private const int Capacity = 200_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid TenantId, string Kind, string Key), byte> names = new();

    public bool Contains(Guid tenantId, string kind, string key) => names.ContainsKey((tenantId, kind, key));

    public void Remember(Guid tenantId, IEnumerable<(string Kind, string Key)> saved)
    {
        if (names.Count >= Capacity)
        {
            names.Clear();
        }

        foreach (var (kind, key) in saved)
        {
            names.TryAdd((tenantId, kind, key), 0);
        }
    }
}
