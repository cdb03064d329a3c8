using System.ComponentModel;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical.Timeline;

/// <param name="EncounterId">The encounter the record belongs to, where it applies.</param>
/// <param name="Self">The API path of the record.</param>
internal sealed record TimelineLinks(Guid? EncounterId, string Self);

internal sealed record TimelineItem(
    string Kind, DateTimeOffset OccurredAt, Guid Id, string Title, string Status, bool EnteredInError, TimelineLinks Links);

internal sealed record TimelineCursor(DateTimeOffset OccurredAt, string Kind, Guid Id);

/// <summary>
/// The patient's timeline: every source's newest page after the cursor, merged by (occurredAt desc, kind, id desc).
/// Each source is asked for one more entry than the page holds, so the merge knows whether another page follows and
/// no source's entry older than the page's last can be skipped.
/// </summary>
internal static class GetPatientTimeline
{
    public static async Task<Results<Ok<Page<TimelineItem>>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> Handle(
        Guid id,
        [AsParameters] PageRequest page,
        [Description("appointment, encounter, admission, transfer, discharge, vitals, note or diagnosis; repeat it or separate kinds with commas. Default: every kind you may see.")]
        string[]? kind,
        [Description("Entries that occurred at or after this instant.")] DateTimeOffset? from,
        [Description("Entries that occurred before this instant; after from.")] DateTimeOffset? to,
        [Description("Also show records entered in error, flagged enteredInError. Default false.")] bool? includeEnteredInError,
        IEnumerable<IPatientTimelineSource> sources,
        IPatientDirectory patients,
        IAuthorizationService authorization,
        HttpContext http,
        CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        var all = sources.ToList();
        if (Kinds(kind, all, out var asked) is { } unknownKind)
        {
            return unknownKind;
        }

        if ((PlausibleDates.OutOfRange("from", from) ?? PlausibleDates.OutOfRange("to", to)) is { } invalid)
        {
            return invalid;
        }

        if (from is not null && to is not null && to <= from)
        {
            return FieldErrors.Invalid("to", "to must be after from.");
        }

        TimelineCursor? position = null;
        if (page.Cursor is not null && !cursors.TryDecode(page.Cursor, out position))
        {
            return Paging.InvalidCursor();
        }

        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        var granted = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var permission in all.Select(s => s.Kind.Permission).Append(Permissions.ClinicalRead).Distinct())
        {
            granted[permission] = (await authorization.AuthorizeAsync(http.User, null, new PermissionRequirement(permission))).Succeeded;
        }

        if (asked?.FirstOrDefault(s => !granted[s.Kind.Permission]) is { } refused)
        {
            return new ForbiddenProblem(
                $"You may not see {refused.Kind.Name} entries.", $"The kind '{refused.Kind.Name}' needs the permission {refused.Kind.Permission}.");
        }

        var limit = page.EffectiveLimit;
        var request = new TimelineRequest(id, new InstantWindow(from, to, null, limit + 1), includeEnteredInError ?? false, granted[Permissions.ClinicalRead]);
        var entries = new List<TimelineItem>();
        foreach (var source in asked ?? all.Where(s => granted[s.Kind.Permission]))
        {
            // Sources share the request's DbContexts, so they read one after another.
            var read = await source.ReadAsync(request with { Window = request.Window with { After = AfterFor(source.Kind.Name, position) } }, cancellationToken);
            entries.AddRange(read.Select(e => new TimelineItem(
                source.Kind.Name, e.OccurredAt, e.Id, e.Title, e.Status, e.EnteredInError, new TimelineLinks(e.EncounterId, e.Path))));
        }

        entries.Sort(TimelineOrder);
        return TypedResults.Ok(Paging.ToPage(
            entries.Take(limit + 1).ToList(), limit, e => cursors.Encode(new TimelineCursor(e.OccurredAt, e.Kind, e.Id)), e => e));
    }

    /// <summary>
    /// Where a source of <paramref name="kind"/> resumes: after the cursor's entry for its own kind; at the cursor's
    /// instant, past every entry of a kind that sorts before the cursor's (those were shown) and before every entry of
    /// a kind that sorts after it (those were not).
    /// </summary>
    private static InstantKeyset? AfterFor(string kind, TimelineCursor? position) =>
        position is null ? null : string.CompareOrdinal(kind, position.Kind) switch
        {
            0 => new InstantKeyset(position.OccurredAt, position.Id),
            < 0 => InstantKeyset.AfterAllAt(position.OccurredAt),
            > 0 => InstantKeyset.BeforeAllAt(position.OccurredAt),
        };

    private static int TimelineOrder(TimelineItem a, TimelineItem b)
    {
        var byTime = b.OccurredAt.CompareTo(a.OccurredAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = string.CompareOrdinal(a.Kind, b.Kind);
        return byKind != 0 ? byKind : b.Id.CompareTo(a.Id);
    }

    /// <summary>The sources of the kinds asked for (repeated or comma-separated), null for every kind; a 400 for a kind no source supplies.</summary>
    private static ValidationProblem? Kinds(string[]? kind, List<IPatientTimelineSource> sources, out List<IPatientTimelineSource>? asked)
    {
        asked = null;
        var names = (kind ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        if (names.FirstOrDefault(n => !sources.Any(s => s.Kind.Name.Equals(n, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            return FieldErrors.Invalid("kind", $"Unknown kind '{unknown}'; use one of: {string.Join(", ", sources.Select(s => s.Kind.Name).Order(StringComparer.Ordinal))}.");
        }

        asked = [.. sources.Where(s => names.Contains(s.Kind.Name, StringComparer.OrdinalIgnoreCase))];
        return null;
    }
}
