using System.ComponentModel;
using HealthCore.Platform.Http;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

/// <summary>?name=&amp;family=&amp;given=&amp;birthDate=&amp;gender=&amp;identifier=system|value&amp;phone=&amp;mrn=&amp;includeInactive=</summary>
/// <remarks>Settable properties, not a positional record: see <see cref="PageRequest"/>.</remarks>
internal sealed record PatientSearchQuery
{
    /// <summary>Words each matching the start of a family or given name, e.g. "smi jo".</summary>
    [StringLength(200)]
    [FromQuery(Name = "name")]
    public string? Name { get; init; }

    [StringLength(PatientFormats.MaxNameLength)]
    [FromQuery(Name = "family")]
    public string? Family { get; init; }

    [StringLength(PatientFormats.MaxNameLength)]
    [FromQuery(Name = "given")]
    public string? Given { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    [StringLength(10), RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", ErrorMessage = "Give the birth date as yyyy-MM-dd.")]
    [FromQuery(Name = "birthDate")]
    public string? BirthDate { get; init; }

    /// <summary>male, female, other or unknown.</summary>
    [StringLength(10), Description("male, female, other or unknown (any case).")]
    [FromQuery(Name = "gender")]
    public string? Gender { get; init; }

    /// <summary>system|value, e.g. urn:oid:2.16.840.1.113883.4.1|123-45-6789.</summary>
    [StringLength(300), RegularExpression(@"^[^|]+\|.+$", ErrorMessage = "Give the identifier as system|value.")]
    [Description("system|value, e.g. urn:oid:2.16.840.1.113883.4.1|123-45-6789.")]
    [FromQuery(Name = "identifier")]
    public string? Identifier { get; init; }

    [StringLength(20), Description("E.164, e.g. %2B14155550123 (the + encoded); spaces and punctuation are ignored.")]
    [FromQuery(Name = "phone")]
    public string? Phone { get; init; }

    [StringLength(50)]
    [FromQuery(Name = "mrn")]
    public string? Mrn { get; init; }

    [FromQuery(Name = "includeInactive")]
    public bool? IncludeInactive { get; init; }
}

/// <summary>One search result: demographics only, with how well it matched (exact, prefix, typo, or filter without a name).</summary>
internal sealed record PatientSearchResult(
    Guid Id, string Mrn, HumanName Name, DateOnly BirthDate, AdministrativeGender Gender, bool Active, bool Deceased, string Match, double Score);

internal sealed record PatientSearchCursor(int Tier, int Distance, string Family, string Given, Guid Id);

/// <summary>
/// Ranked, keyset-paged patient search. Tier 1 holds the names that start with every term, in name order (an exact
/// family name sorts before longer ones); tier 2 the names within one or two typing errors (by term length), closest
/// first, found through the deletion neighbourhood of the tenant's name vocabulary (<see cref="NameVocabulary"/>) and,
/// for several terms, capped at 500 patients. Searches without a name (tier 0) list in name order.
/// </summary>
internal static class SearchPatients
{
    private const int MaxTerms = 5;
    private const int MaxTypoCandidates = 500;

    private enum Field
    {
        Any,
        Family,
        Given,
    }

    public static async Task<Results<Ok<Page<PatientSearchResult>>, ValidationProblem>> Handle(
        [AsParameters] PatientSearchQuery query, [AsParameters] PageRequest page, PatientsDb db, IdentifierProtector protector,
        ICurrentTenant currentTenant, CursorCodec cursors, CancellationToken cancellationToken)
    {
        PatientSearchCursor? after = null;
        if (page.Cursor is not null && !cursors.TryDecode(page.Cursor, out after))
        {
            return Paging.InvalidCursor();
        }

        var (filtered, problem) = Filter(query, db, protector, currentTenant.TenantId!.Value);
        if (problem is not null)
        {
            return problem;
        }

        var terms = Terms(query);
        if (terms.Count > MaxTerms)
        {
            return FieldErrors.Invalid("name", $"Search with at most {MaxTerms} words.");
        }

        var limit = page.EffectiveLimit;
        var found = new List<(SearchRow Row, int Tier, int Distance)>();
        if (terms.Count == 0)
        {
            var rows = await InNameOrder(filtered, after).Take(limit + 1).Select(SearchRow.Projection).ToListAsync(cancellationToken);
            found.AddRange(rows.Select(r => (r, 0, 0)));
        }
        else
        {
            if (after is null || after.Tier == 1)
            {
                var prefixed = terms.Aggregate(filtered, (q, term) => q.Where(Prefix(term.Field, term.Text)));
                var rows = await InNameOrder(prefixed, after).Take(limit + 1).Select(SearchRow.Projection).ToListAsync(cancellationToken);
                found.AddRange(rows.Select(r => (r, 1, 0)));
            }

            if (found.Count <= limit)
            {
                var typos = await TyposAsync(db, filtered, terms, after, limit + 1 - found.Count, cancellationToken);
                found.AddRange(typos
                    .Where(t => after is not { Tier: 2 } || IsAfter(t, after))
                    .Take(limit + 1 - found.Count)
                    .Select(t => (t.Row, 2, t.Distance)));
            }
        }

        return TypedResults.Ok(Paging.ToPage(
            found,
            limit,
            f => cursors.Encode(new PatientSearchCursor(f.Tier, f.Distance, f.Row.FamilyKey, f.Row.GivenKey, f.Row.Id)),
            f => Result(f.Row, f.Tier, f.Distance, terms)));
    }

    private static (IQueryable<Patient> Query, ValidationProblem? Problem) Filter(PatientSearchQuery query, PatientsDb db, IdentifierProtector protector, Guid tenantId)
    {
        var patients = db.Patients.AsNoTracking();
        if (query.IncludeInactive != true)
        {
            patients = patients.Where(p => p.Active);
        }

        if (query.BirthDate is { Length: > 0 } birthText)
        {
            if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
            {
                return (patients, FieldErrors.Invalid("birthDate", "Give the birth date as yyyy-MM-dd."));
            }

            patients = patients.Where(p => p.BirthDate == birthDate);
        }

        if (query.Gender is { Length: > 0 } genderText)
        {
            if (!QueryEnum.TryParse<AdministrativeGender>(genderText, out var gender))
            {
                return (patients, QueryEnum.Unknown<AdministrativeGender>("gender"));
            }

            patients = patients.Where(p => p.Gender == gender);
        }

        if (query.Mrn is { Length: > 0 } mrn)
        {
            var trimmed = mrn.Trim();
            patients = patients.Where(p => p.Mrn == trimmed);
        }

        if (query.Identifier is { Length: > 0 } identifier)
        {
            var separator = identifier.IndexOf('|', StringComparison.Ordinal);
            if (separator <= 0 || separator == identifier.Length - 1)
            {
                return (patients, FieldErrors.Invalid("identifier", "Give the identifier as system|value."));
            }

            var system = identifier[..separator].Trim();
            var key = protector.LookupKey(tenantId, system, identifier[(separator + 1)..]);
            var lookupSystem = system.ToLowerInvariant();
            patients = patients.Where(p => db.LookupKeys.Any(k => k.PatientId == p.Id && k.System == lookupSystem && k.Key == key));
        }

        if (query.Phone is { Length: > 0 } phoneText)
        {
            var phone = new string([.. phoneText.Where(c => char.IsDigit(c) || c == '+')]);
            if (!PatientFormats.IsPhone(phone))
            {
                return (patients, FieldErrors.Invalid("phone", "Give the phone number in E.164 form, e.g. +14155550123."));
            }

            patients = patients.Where(p => db.LookupKeys.Any(k => k.PatientId == p.Id && k.System == PatientLookupKey.PhoneSystem && k.Key == phone));
        }

        return (patients, null);
    }

    private static List<(Field Field, string Text)> Terms(PatientSearchQuery query)
    {
        var terms = NameKeys.Terms(query.Name).Select(t => (Field.Any, t)).ToList();
        if (NameKeys.Normalize(query.Family) is { Length: > 0 } family)
        {
            terms.Add((Field.Family, family));
        }

        if (NameKeys.Normalize(query.Given) is { Length: > 0 } given)
        {
            terms.Add((Field.Given, given));
        }

        return terms;
    }

    // Prefixes as ranges on the "C"-collated keys, which both databases answer from a btree index.
    private static System.Linq.Expressions.Expression<Func<Patient, bool>> Prefix(Field field, string term)
    {
        var upper = term + NameKeys.Upper;
        return field switch
        {
            Field.Family => p => string.Compare(p.FamilyKey, term) >= 0 && string.Compare(p.FamilyKey, upper) < 0,
            Field.Given => p => string.Compare(p.GivenKey, term) >= 0 && string.Compare(p.GivenKey, upper) < 0,
            _ => p => (string.Compare(p.FamilyKey, term) >= 0 && string.Compare(p.FamilyKey, upper) < 0)
                || (string.Compare(p.GivenKey, term) >= 0 && string.Compare(p.GivenKey, upper) < 0),
        };
    }

    private static IQueryable<Patient> InNameOrder(IQueryable<Patient> patients, PatientSearchCursor? after)
    {
        if (after is not null)
        {
            var (family, given, id) = (after.Family, after.Given, after.Id);
            patients = patients.Where(p => string.Compare(p.FamilyKey, family) > 0
                || (p.FamilyKey == family && (string.Compare(p.GivenKey, given) > 0 || (p.GivenKey == given && p.Id.CompareTo(id) > 0))));
        }

        return patients.OrderBy(p => p.FamilyKey).ThenBy(p => p.GivenKey).ThenBy(p => p.Id);
    }

    /// <summary>
    /// Names within the typing tolerance of every term that tier 1 did not already list, closest first: per term the
    /// close names come from the name vocabulary, then their patients from the name indexes.
    /// </summary>
    private static async Task<List<(SearchRow Row, int Distance)>> TyposAsync(
        PatientsDb db, IQueryable<Patient> filtered, List<(Field Field, string Text)> terms, PatientSearchCursor? after, int wanted,
        CancellationToken cancellationToken)
    {
        if (terms.All(t => NameKeys.Tolerance(t.Text) == 0))
        {
            return [];
        }

        if (terms is [(Field.Family or Field.Given, var single) term])
        {
            var kind = term.Field == Field.Family ? PatientNameKey.Family : PatientNameKey.Given;
            var close = await NameVocabulary.CloseNamesAsync(db, kind, single, cancellationToken);
            return await SingleTermTyposAsync(filtered, term.Field, single, close, after, wanted, cancellationToken);
        }

        var candidates = filtered;
        foreach (var (field, text) in terms)
        {
            if (NameKeys.Tolerance(text) == 0)
            {
                candidates = candidates.Where(Prefix(field, text));
                continue;
            }

            List<string> families = field == Field.Given ? [] : [.. (await NameVocabulary.CloseNamesAsync(db, PatientNameKey.Family, text, cancellationToken)).Select(c => c.Name)];
            List<string> givens = field == Field.Family ? [] : [.. (await NameVocabulary.CloseNamesAsync(db, PatientNameKey.Given, text, cancellationToken)).Select(c => c.Name)];
            var upper = text + NameKeys.Upper;
            candidates = field switch
            {
                Field.Family => candidates.Where(p => families.Contains(p.FamilyKey)
                    || (string.Compare(p.FamilyKey, text) >= 0 && string.Compare(p.FamilyKey, upper) < 0)),
                Field.Given => candidates.Where(p => givens.Contains(p.GivenKey)
                    || (string.Compare(p.GivenKey, text) >= 0 && string.Compare(p.GivenKey, upper) < 0)),
                _ => candidates.Where(p => families.Contains(p.FamilyKey) || givens.Contains(p.GivenKey)
                    || (string.Compare(p.FamilyKey, text) >= 0 && string.Compare(p.FamilyKey, upper) < 0)
                    || (string.Compare(p.GivenKey, text) >= 0 && string.Compare(p.GivenKey, upper) < 0)),
            };
        }

        var rows = await candidates.OrderBy(p => p.FamilyKey).ThenBy(p => p.GivenKey).ThenBy(p => p.Id)
            .Take(MaxTypoCandidates).Select(SearchRow.Projection).ToListAsync(cancellationToken);
        var matches = new List<(SearchRow Row, int Distance)>();
        foreach (var row in rows)
        {
            if (terms.All(t => StartsWith(row, t.Field, t.Text)))
            {
                continue; // tier 1 lists it
            }

            var total = 0;
            foreach (var (field, text) in terms)
            {
                var distance = Words(row, field).Min(word => NameKeys.Distance(text, word));
                if (distance > NameKeys.Tolerance(text))
                {
                    total = -1;
                    break;
                }

                total += distance;
            }

            if (total >= 0)
            {
                matches.Add((row, total));
            }
        }

        return [.. matches.OrderBy(m => m.Distance).ThenBy(m => m.Row.FamilyKey, StringComparer.Ordinal)
            .ThenBy(m => m.Row.GivenKey, StringComparer.Ordinal).ThenBy(m => m.Row.Id)];
    }

    /// <summary>
    /// One family or one given term: a patient's distance is then its name's, so the close names are read distance by
    /// distance, closest first, each in name order from the cursor and only as far as the page needs, instead of
    /// sorting up to 500 candidates in memory. Names that start with the term are tier 1's.
    /// </summary>
    private static async Task<List<(SearchRow Row, int Distance)>> SingleTermTyposAsync(
        IQueryable<Patient> filtered, Field field, string term, List<(string Name, int Distance)> close, PatientSearchCursor? after, int wanted,
        CancellationToken cancellationToken)
    {
        var found = new List<(SearchRow Row, int Distance)>();
        var from = after is { Tier: 2 } ? after : null;
        foreach (var tier in close.Where(c => !c.Name.StartsWith(term, StringComparison.Ordinal) && (from is null || c.Distance >= from.Distance))
            .GroupBy(c => c.Distance).OrderBy(g => g.Key))
        {
            var names = tier.Select(c => c.Name).ToList();
            var inTier = field == Field.Family ? filtered.Where(p => names.Contains(p.FamilyKey)) : filtered.Where(p => names.Contains(p.GivenKey));
            var rows = await InNameOrder(inTier, from?.Distance == tier.Key ? from : null)
                .Take(wanted - found.Count).Select(SearchRow.Projection).ToListAsync(cancellationToken);
            found.AddRange(rows.Select(row => (row, tier.Key)));
            if (found.Count >= wanted)
            {
                break;
            }
        }

        return found;
    }

    private static bool StartsWith(SearchRow row, Field field, string term) => field switch
    {
        Field.Family => row.FamilyKey.StartsWith(term, StringComparison.Ordinal),
        Field.Given => row.GivenKey.StartsWith(term, StringComparison.Ordinal),
        _ => row.FamilyKey.StartsWith(term, StringComparison.Ordinal) || row.GivenKey.StartsWith(term, StringComparison.Ordinal),
    };

    private static IEnumerable<string> Words(SearchRow row, Field field) =>
        (field switch
        {
            Field.Family => NameVocabulary.Words(row.FamilyKey),
            Field.Given => NameVocabulary.Words(row.GivenKey),
            _ => NameVocabulary.Words(row.FamilyKey).Concat(NameVocabulary.Words(row.GivenKey)),
        }).Where(w => w.Length > 0).DefaultIfEmpty("");

    private static bool IsAfter((SearchRow Row, int Distance) typo, PatientSearchCursor after)
    {
        var order = typo.Distance.CompareTo(after.Distance);
        if (order == 0)
        {
            order = string.CompareOrdinal(typo.Row.FamilyKey, after.Family);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(typo.Row.GivenKey, after.Given);
        }

        return order > 0 || (order == 0 && typo.Row.Id.CompareTo(after.Id) > 0);
    }

    private static PatientSearchResult Result(SearchRow row, int tier, int distance, List<(Field Field, string Text)> terms)
    {
        var (match, score) = tier switch
        {
            0 => ("filter", 1.0),
            1 when terms.All(t => Words(row, t.Field).Contains(t.Text)) => ("exact", 1.0),
            1 => ("prefix", 0.9),
            _ => ("typo", Math.Max(0.5, 0.8 - (0.1 * (distance - 1)))),
        };
        return new PatientSearchResult(row.Id, row.Mrn, row.Name, row.BirthDate, row.Gender, row.Active, row.Deceased, match, score);
    }

    private sealed record SearchRow(
        Guid Id, string Mrn, HumanName Name, string FamilyKey, string GivenKey, DateOnly BirthDate, AdministrativeGender Gender, bool Active, bool Deceased)
    {
        public static readonly System.Linq.Expressions.Expression<Func<Patient, SearchRow>> Projection =
            p => new SearchRow(p.Id, p.Mrn, p.Name, p.FamilyKey, p.GivenKey, p.BirthDate, p.Gender, p.Active, p.Deceased);
    }
}
