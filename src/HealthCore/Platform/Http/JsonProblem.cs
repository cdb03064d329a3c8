using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Platform.Http;

/// <summary>Turns a JSON deserialisation failure into a 400 that names the field and the position, without internals.</summary>
internal static partial class JsonProblem
{
    public static ProblemDetails From(JsonException json)
    {
        var unknown = UnmappedProperty().Match(json.Message);
        var field = unknown.Success ? unknown.Groups[1].Value : FieldFromPath(json.Path);
        var rule = unknown.Success
            ? $"Unknown property '{field}'."
            : json.Path is null or "$" ? "The body is not valid JSON." : "The value has the wrong type or format.";
        var position = json.LineNumber is { } line
            ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})"
            : string.Empty;

        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [string.IsNullOrEmpty(field) ? "$" : field] = [rule],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
            Detail = rule + position,
        };
        if (json.LineNumber is { } l)
        {
            problem.Extensions["line"] = l + 1;
            problem.Extensions["position"] = (json.BytePositionInLine ?? 0) + 1;
        }

        return problem;
    }

    private static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
