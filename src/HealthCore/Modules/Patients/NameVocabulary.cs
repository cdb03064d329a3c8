using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>
/// The tenant's distinct name keys (<see cref="PatientNameKey"/>): typo-tolerant search finds the names close to a
/// term here, then their patients through the name index, instead of comparing the term with millions of patients.
/// </summary>
internal static class NameVocabulary
{
    private const int MaxCandidates = 300;
    private const int MaxCloseNames = 50;

    /// <summary>Adds the patient's names (idempotent; a lost race on a name is normal).</summary>
    public static async Task AddAsync(PatientsDb db, Patient patient, CancellationToken cancellationToken)
    {
        foreach (var (kind, key) in new[] { (PatientNameKey.Family, patient.FamilyKey), (PatientNameKey.Given, patient.GivenKey) })
        {
            if (key.Length > 0)
            {
                await db.InsertIfAbsentAsync(new PatientNameKey { TenantId = patient.TenantId, Kind = kind, Key = key }, cancellationToken);
            }
        }
    }

    /// <summary>The name keys of this kind with a word within the term's typing tolerance, closest first.</summary>
    public static async Task<List<string>> CloseNamesAsync(PatientsDb db, string kind, string term, CancellationToken cancellationToken)
    {
        var names = db.NameKeys.AsNoTracking().Where(n => n.Kind == kind);
        List<string> candidates;
        if (db.IsSqlite)
        {
            // No trigram index: a typo keeps either the first letter or the two after it.
            var first = term[..1];
            var firstUpper = first + NameKeys.Upper;
            var shifted = string.Concat("_", term.AsSpan(1, Math.Min(2, term.Length - 1)), "%");
            candidates = await names
                .Where(n => (string.Compare(n.Key, first) >= 0 && string.Compare(n.Key, firstUpper) < 0) || EF.Functions.Like(n.Key, shifted))
                .OrderBy(n => n.Key).Select(n => n.Key).Take(MaxCandidates * 10).ToListAsync(cancellationToken);
        }
        else
        {
            // pg_trgm's default threshold (0.3) misses a swapped pair of letters in a short name; 0.2 finds it, and
            // the distance check below drops what is merely similar.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL pg_trgm.similarity_threshold = 0.2", cancellationToken);
            candidates = await names.Where(n => PatientsDb.TrigramSimilar(n.Key, term))
                .OrderByDescending(n => PatientsDb.TrigramSimilarity(n.Key, term)).ThenBy(n => n.Key)
                .Select(n => n.Key).Take(MaxCandidates).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var tolerance = NameKeys.Tolerance(term);
        return [.. candidates
            .Select(name => (Name: name, Distance: Words(name).Min(word => NameKeys.Distance(term, word))))
            .Where(c => c.Distance <= tolerance)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxCloseNames)
            .Select(c => c.Name)];
    }

    /// <summary>A name key and each of its words ("van der berg", "van", "der", "berg").</summary>
    public static IEnumerable<string> Words(string key) =>
        key.Contains(' ', StringComparison.Ordinal) ? [key, .. key.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [key];
}
