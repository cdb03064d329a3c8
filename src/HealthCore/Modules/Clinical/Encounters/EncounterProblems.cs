using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal static class EncounterProblems
{
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>409 for an action the encounter's current status does not allow, naming that status and the ones that would.</summary>
    public static ConflictProblem IllegalTransition(Encounter encounter, EncounterAction action)
    {
        var current = NameOf(encounter.Status);
        var allowed = EncounterTransitions.Of(action).From.Select(NameOf).ToArray();
        return new ConflictProblem(
            $"The encounter is {current}.",
            $"{Verb(action)} is possible only when the encounter is {string.Join(" or ", allowed)}; it is {current}.",
            new Dictionary<string, object?> { ["rule"] = "illegal-encounter-transition", ["currentStatus"] = current, ["allowedFrom"] = allowed });
    }

    public static ConflictProblem ChangedConcurrently() =>
        new("The encounter was changed at the same time.", "Another request changed the encounter first; read it again and retry.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ConflictProblem AlreadyOpened(string source, Guid sourceId, Guid encounterId) =>
        new($"The {source} already has an encounter.", $"Encounter {encounterId} is the visit for {source} {sourceId}; one {source} has one encounter.",
            new Dictionary<string, object?> { ["rule"] = $"{source}-has-encounter", ["encounterId"] = encounterId });

    /// <summary>A query-string enum spelled as in JSON (camelCase, any case); anything else is a 400 naming the parameter.</summary>
    public static ValidationProblem? TryParse<TEnum>(string? text, string parameter, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (text.Length > 0 && char.IsLetter(text[0]) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            value = parsed;
            return null;
        }

        return FieldErrors.Invalid(parameter, $"Use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(NameOf))}.");
    }

    private static string Verb(EncounterAction action) => action switch
    {
        EncounterAction.Arrive => "Recording the arrival",
        EncounterAction.Triage => "Triaging",
        EncounterAction.StartConsultation => "Starting the consultation",
        EncounterAction.Close => "Closing",
        EncounterAction.Cancel => "Cancelling",
        _ => "Marking it entered in error",
    };
}
