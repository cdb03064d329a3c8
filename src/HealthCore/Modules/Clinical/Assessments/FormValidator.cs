using System.Globalization;
using System.Text.Json;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Field errors keyed by JSON path under the answers' own field name (e.g. "answers.mobility", "answers.implants[1]"),
/// shaped for FieldErrors.Invalid; when there are none, the form's scores.
/// </summary>
internal sealed record FormCheck(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<FormScoreResult> Scores)
{
    public bool IsValid => Errors.Count == 0;
}

internal static class FormValidator
{
    public const string DefaultPath = "answers";

    public static FormCheck Validate(FormDefinition form, JsonElement answers, string path = DefaultPath)
    {
        if (answers.ValueKind != JsonValueKind.Object)
        {
            return new FormCheck(new Dictionary<string, string[]> { [path] = ["Must be a JSON object of answers keyed by field."] }, []);
        }

        var byKey = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in answers.EnumerateObject())
        {
            byKey[property.Name] = property.Value;
        }

        return Validate(form, byKey, path);
    }

    public static FormCheck Validate(FormDefinition form, IReadOnlyDictionary<string, JsonElement> answers, string path = DefaultPath)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in answers.Keys.Where(key => form.Field(key) is null).Order(StringComparer.Ordinal))
        {
            errors[$"{path}.{key}"] = [$"Unknown field; form {form.Key} version {form.Version} has no field '{key}'."];
        }

        foreach (var field in form.Fields)
        {
            var fieldPath = $"{path}.{field.Key}";
            if (!answers.TryGetValue(field.Key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (IsRequired(field, answers))
                {
                    errors[fieldPath] = [field.Required ? "Required." : $"Required when {field.RequiredWhenTrue} is true."];
                }

                continue;
            }

            Check(field, value, fieldPath, errors);
        }

        return errors.Count > 0 ? new FormCheck(errors, []) : new FormCheck(errors, Score(form, answers));
    }

    private static bool IsRequired(FormField field, IReadOnlyDictionary<string, JsonElement> answers) =>
        field.Required
        || (field.RequiredWhenTrue is { } condition && answers.TryGetValue(condition, out var answer) && answer.ValueKind == JsonValueKind.True);

    private static void Check(FormField field, JsonElement value, string path, Dictionary<string, string[]> errors)
    {
        var problem = field.Type switch
        {
            FormFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Must be true or false.",
            FormFieldType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole)
                ? OutOfRange(field, whole)
                : "Must be a whole number.",
            FormFieldType.Decimal => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                ? OutOfRange(field, number)
                : "Must be a number.",
            FormFieldType.Text => value.ValueKind != JsonValueKind.String
                ? "Must be a string."
                : string.IsNullOrWhiteSpace(value.GetString()) && (field.Required || field.RequiredWhenTrue is not null)
                    ? "Required; must not be blank."
                    : value.GetString()!.Length > field.MaxLength ? $"Must be at most {field.MaxLength} characters." : null,
            FormFieldType.Date => value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? PlausibleDates.Contains(date) ? null : $"The date must be between {PlausibleDates.Earliest} and {PlausibleDates.Latest}."
                    : "Must be a date (yyyy-MM-dd).",
            FormFieldType.Choice when field.Multiple => null,
            FormFieldType.Choice => value.ValueKind == JsonValueKind.String ? NotAllowed(field, value.GetString()!) : $"Must be one of: {Codes(field)}.",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, null),
        };
        if (problem is not null)
        {
            errors[path] = [problem];
            return;
        }

        if (field is { Type: FormFieldType.Choice, Multiple: true })
        {
            CheckList(field, value, path, errors);
        }
    }

    private static void CheckList(FormField field, JsonElement value, string path, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors[path] = [$"Must be an array of: {Codes(field)}."];
            return;
        }

        if (field.Required && value.GetArrayLength() == 0)
        {
            errors[path] = ["Required; choose at least one."];
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var problem = item.ValueKind != JsonValueKind.String ? $"Must be one of: {Codes(field)}."
                : NotAllowed(field, item.GetString()!) is { } notAllowed ? notAllowed
                : !seen.Add(item.GetString()!) ? "Listed more than once."
                : null;
            if (problem is not null)
            {
                errors[$"{path}[{index}]"] = [problem];
            }

            index++;
        }

        if (seen.Count > 1 && field.Choices!.FirstOrDefault(choice => choice.Exclusive && seen.Contains(choice.Code)) is { } exclusive)
        {
            errors.TryAdd(path, [$"'{exclusive.Code}' cannot be combined with other choices."]);
        }
    }

    private static string? OutOfRange(FormField field, decimal value) =>
        value < field.Min || value > field.Max
            ? string.Create(CultureInfo.InvariantCulture, $"Must be between {field.Min} and {field.Max}.")
            : null;

    private static string? NotAllowed(FormField field, string code) =>
        field.Choices!.Any(choice => choice.Code == code) ? null : $"'{code}' is not allowed; use one of: {Codes(field)}.";

    private static string Codes(FormField field) => string.Join(", ", field.Choices!.Select(choice => choice.Code));

    private static List<FormScoreResult> Score(FormDefinition form, IReadOnlyDictionary<string, JsonElement> answers)
    {
        var results = new List<FormScoreResult>();
        foreach (var score in form.Scores)
        {
            var total = 0;
            var complete = true;
            foreach (var field in score.Fields.Select(key => form.Field(key)!))
            {
                if (!answers.TryGetValue(field.Key, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    complete = false;
                    break;
                }

                total += field.Type == FormFieldType.Integer
                    ? value.GetInt32()
                    : field.Choices!.Single(choice => choice.Code == value.GetString()).Points;
            }

            if (complete)
            {
                results.Add(new FormScoreResult(score.Key, total, score.Bands.Single(band => total >= band.From && total <= band.To)));
            }
        }

        return results;
    }
}
