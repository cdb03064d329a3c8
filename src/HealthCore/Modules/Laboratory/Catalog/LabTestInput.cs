using HealthCore.Platform.Text;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabSpecimenInput(string? Type, string? Container = null, decimal? VolumeMl = null);

internal sealed record DeltaCheckInput(DeltaKind? Kind, decimal? Limit);

internal sealed record ReferenceRangeInput(
    RangeSex? Sex = null, string? AgeFrom = null, string? AgeTo = null, bool? Pregnant = null,
    decimal? Low = null, decimal? High = null, decimal? CriticalLow = null, decimal? CriticalHigh = null);

/// <summary>
/// A test or panel definition, as PUT /lab/tests/{code} takes it and as every entry of a catalogue file (the shipped
/// starter catalogue and POST /lab/tests/import) holds it; <see cref="Code"/> is required in a file and, when given
/// to PUT, must equal the route's.
/// </summary>
internal sealed record LabTestInput(
    string? Code = null,
    string? Display = null,
    LabTestKind? Kind = null,
    string[]? Synonyms = null,
    LabSpecimenInput? Specimen = null,
    string? Method = null,
    LabValueType? ValueType = null,
    string? Unit = null,
    string[]? Answers = null,
    TurnaroundTargets? Turnaround = null,
    int? MinimumRetestIntervalMinutes = null,
    string? PriceCode = null,
    DeltaCheckInput? DeltaCheck = null,
    string[]? Members = null,
    ReferenceRangeInput[]? Ranges = null);

/// <summary>A catalogue file: the format of Data/starter-catalog.json and of POST /lab/tests/import.</summary>
internal sealed record LabCatalogFile(string? Format, string[]? Sources, LabTestInput[]? Tests)
{
    public const string CurrentFormat = "healthcore.lab-catalog/1";
}

/// <summary>The rules of one definition on its own; <see cref="PanelGraph"/> checks members against the rest of the catalogue.</summary>
internal static class LabTestRules
{
    public const int MaxSynonyms = 20;
    public const int MaxAnswers = 50;
    public const int MaxMembers = 100;
    public const int MaxRanges = 50;
    public const int MaxMinutes = 60 * 24 * 366;

    public static void Validate(LabTestInput input, string prefix, FieldErrorList errors)
    {
        if (!LabCodes.IsValid(input.Code))
        {
            errors.Add($"{prefix}code", LabCodes.Rule);
        }

        if (string.IsNullOrWhiteSpace(input.Display) || input.Display.Length > LabTest.DisplayLength)
        {
            errors.Add($"{prefix}display", $"Give the test's name, at most {LabTest.DisplayLength} characters.");
        }

        if (input.Kind is null)
        {
            errors.Add($"{prefix}kind", "Give the kind: test or panel.");
        }

        CheckTexts(input.Synonyms, MaxSynonyms, $"{prefix}synonyms", errors);
        CheckText(input.Method, $"{prefix}method", errors);
        CheckText(input.PriceCode, $"{prefix}priceCode", errors);
        CheckSpecimen(input.Specimen, $"{prefix}specimen", errors);
        CheckTurnaround(input.Turnaround, $"{prefix}turnaround", errors);
        if (input.MinimumRetestIntervalMinutes is < 1 or > MaxMinutes)
        {
            errors.Add($"{prefix}minimumRetestIntervalMinutes", $"The minimum re-test interval is 1 to {MaxMinutes} minutes, or absent for none.");
        }

        if (input.Kind == LabTestKind.Panel)
        {
            CheckPanel(input, prefix, errors);
        }
        else if (input.Kind == LabTestKind.Test)
        {
            CheckTest(input, prefix, errors);
        }
    }

    public static void Apply(LabTest test, LabTestInput input, DateTimeOffset now)
    {
        var synonyms = (input.Synonyms ?? []).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        test.Display = input.Display!.Trim();
        test.Kind = input.Kind!.Value;
        test.Synonyms = synonyms;
        var key = SearchText.Fold(string.Join(' ', [test.Code, test.Display, .. synonyms]));
        test.SearchKey = key.Length > LabTest.SearchKeyLength ? key[..LabTest.SearchKeyLength] : key;
        test.Specimen = input.Specimen is { } specimen ? new LabSpecimen(specimen.Type!.Trim(), specimen.Container?.Trim(), specimen.VolumeMl) : null;
        test.Method = input.Method?.Trim();
        test.ValueType = input.Kind == LabTestKind.Test ? input.ValueType : null;
        test.Unit = input.Unit;
        test.Answers = [.. (input.Answers ?? []).Select(a => a.Trim())];
        test.Turnaround = input.Turnaround;
        test.MinimumRetestIntervalMinutes = input.MinimumRetestIntervalMinutes;
        test.PriceCode = input.PriceCode?.Trim();
        test.DeltaCheck = input.DeltaCheck is { Kind: { } kind, Limit: { } limit } ? new DeltaCheck(kind, limit) : null;
        test.Members = input.Members ?? [];
        test.Ranges = [.. (input.Ranges ?? []).Select(r => new ReferenceRange(
            r.Sex ?? RangeSex.Any, r.AgeFrom ?? AgeBound.Zero.ToString(), r.AgeTo, r.Pregnant, r.Low, r.High, r.CriticalLow, r.CriticalHigh))];
        test.Active = true;
        test.UpdatedAt = now;
    }

    private static void CheckPanel(LabTestInput input, string prefix, FieldErrorList errors)
    {
        if (input.Members is not { Length: > 0 and <= MaxMembers })
        {
            errors.Add($"{prefix}members", $"A panel has 1 to {MaxMembers} member tests.");
        }
        else
        {
            for (var i = 0; i < input.Members.Length; i++)
            {
                if (!LabCodes.IsValid(input.Members[i]))
                {
                    errors.Add($"{prefix}members[{i}]", LabCodes.Rule);
                }
                else if (input.Members[i] == input.Code)
                {
                    errors.Add($"{prefix}members[{i}]", "A panel cannot contain itself.");
                }
                else if (Array.IndexOf(input.Members, input.Members[i]) < i)
                {
                    errors.Add($"{prefix}members[{i}]", "Each member is listed once.");
                }
            }
        }

        foreach (var (field, given) in new (string, bool)[]
        {
            ("valueType", input.ValueType is not null), ("unit", input.Unit is not null), ("answers", input.Answers is { Length: > 0 }),
            ("deltaCheck", input.DeltaCheck is not null), ("ranges", input.Ranges is { Length: > 0 }),
        })
        {
            if (given)
            {
                errors.Add($"{prefix}{field}", "A panel reports through its member tests: give this on the members, not on the panel.");
            }
        }
    }

    private static void CheckTest(LabTestInput input, string prefix, FieldErrorList errors)
    {
        if (input.Members is { Length: > 0 })
        {
            errors.Add($"{prefix}members", "Only a panel has members.");
        }

        if (input.ValueType is not { } valueType)
        {
            errors.Add($"{prefix}valueType", "Give the value type of the test's results: quantity, coded, text or ratio.");
            return;
        }

        if (input.Unit is not null && UcumUnits.Check(input.Unit) is { } unitProblem)
        {
            errors.Add($"{prefix}unit", unitProblem);
        }
        else if (input.Unit is null && valueType == LabValueType.Quantity)
        {
            errors.Add($"{prefix}unit", $"A quantity has a unit. {UcumUnits.Rule}");
        }

        if (valueType == LabValueType.Coded)
        {
            if (input.Answers is not { Length: > 0 })
            {
                errors.Add($"{prefix}answers", $"A coded test lists its allowed answers (1 to {MaxAnswers}).");
            }
            else
            {
                CheckTexts(input.Answers, MaxAnswers, $"{prefix}answers", errors);
            }
        }
        else if (input.Answers is { Length: > 0 })
        {
            errors.Add($"{prefix}answers", "Only a coded test has allowed answers.");
        }

        if (input.DeltaCheck is { } delta)
        {
            if (valueType != LabValueType.Quantity)
            {
                errors.Add($"{prefix}deltaCheck", "Only a quantity has a delta check.");
            }
            else if (delta.Kind is null || delta.Limit is not > 0 || (delta.Kind == DeltaKind.Percent && delta.Limit > 1000))
            {
                errors.Add($"{prefix}deltaCheck", "A delta check has a kind (absolute, in the test's unit, or percent) and a limit above 0 (at most 1000 percent).");
            }
        }

        if (input.Ranges is { Length: > 0 } ranges)
        {
            if (valueType != LabValueType.Quantity)
            {
                errors.Add($"{prefix}ranges", "Only a quantity has reference ranges.");
            }
            else if (ranges.Length > MaxRanges)
            {
                errors.Add($"{prefix}ranges", $"At most {MaxRanges} reference ranges.");
            }
            else
            {
                CheckRanges(ranges, $"{prefix}ranges", errors);
            }
        }
    }

    private static void CheckRanges(ReferenceRangeInput[] ranges, string field, FieldErrorList errors)
    {
        var bands = new List<(int Index, RangeSex Sex, bool? Pregnant, double From, double To)>();
        for (var i = 0; i < ranges.Length; i++)
        {
            var range = ranges[i];
            var at = $"{field}[{i}]";
            var from = AgeBound.Zero;
            AgeBound? to = null;
            if (range.AgeFrom is not null && !AgeBound.TryParse(range.AgeFrom, out from))
            {
                errors.Add($"{at}.ageFrom", AgeBound.Rule);
                continue;
            }

            if (range.AgeTo is not null)
            {
                if (!AgeBound.TryParse(range.AgeTo, out var parsed))
                {
                    errors.Add($"{at}.ageTo", AgeBound.Rule);
                    continue;
                }

                to = parsed;
                if (parsed.ApproximateDays <= from.ApproximateDays)
                {
                    errors.Add($"{at}.ageTo", "ageTo (exclusive) must be above ageFrom (inclusive).");
                    continue;
                }
            }

            if (range.Pregnant == true && range.Sex == RangeSex.Male)
            {
                errors.Add($"{at}.pregnant", "A range for pregnancy is for sex female or any.");
            }

            if (range is { Low: null, High: null, CriticalLow: null, CriticalHigh: null })
            {
                errors.Add(at, "A range has at least one limit: low, high, criticalLow or criticalHigh.");
            }

            CheckOrder(errors, $"{at}.high", range.Low, range.High, "high must not be below low.");
            CheckOrder(errors, $"{at}.criticalHigh", range.CriticalLow, range.CriticalHigh, "criticalHigh must be above criticalLow.", strict: true);
            CheckOrder(errors, $"{at}.criticalLow", range.CriticalLow, range.Low, "criticalLow must not be above low.");
            CheckOrder(errors, $"{at}.criticalLow", range.CriticalLow, range.High, "criticalLow must be below high.", strict: true);
            CheckOrder(errors, $"{at}.criticalHigh", range.High, range.CriticalHigh, "criticalHigh must not be below high.");
            CheckOrder(errors, $"{at}.criticalHigh", range.Low, range.CriticalHigh, "criticalHigh must be above low.", strict: true);
            bands.Add((i, range.Sex ?? RangeSex.Any, range.Pregnant, from.ApproximateDays, to?.ApproximateDays ?? double.MaxValue));
        }

        foreach (var band in bands)
        {
            if (bands.Where(other => other.Index < band.Index && other.Sex == band.Sex && other.Pregnant == band.Pregnant
                    && other.From < band.To && band.From < other.To)
                .Select(other => (int?)other.Index).FirstOrDefault() is { } first)
            {
                errors.Add($"{field}[{band.Index}].ageFrom",
                    $"The age band overlaps ranges[{first}] for the same sex and pregnancy: bands of one sex and pregnancy flag must not overlap (ageFrom inclusive, ageTo exclusive).");
            }
        }
    }

    private static void CheckOrder(FieldErrorList errors, string field, decimal? lower, decimal? upper, string message, bool strict = false)
    {
        if (lower is { } l && upper is { } u && (strict ? l >= u : l > u))
        {
            errors.Add(field, message);
        }
    }

    private static void CheckSpecimen(LabSpecimenInput? specimen, string field, FieldErrorList errors)
    {
        if (specimen is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(specimen.Type))
        {
            errors.Add($"{field}.type", "Give the specimen type (e.g. Serum or plasma, Whole blood, Urine).");
        }

        CheckText(specimen.Type, $"{field}.type", errors);
        CheckText(specimen.Container, $"{field}.container", errors);
        if (specimen.VolumeMl is <= 0 or > 1000)
        {
            errors.Add($"{field}.volumeMl", "The volume is above 0 and at most 1000 mL.");
        }
    }

    private static void CheckTurnaround(TurnaroundTargets? targets, string field, FieldErrorList errors)
    {
        if (targets is null)
        {
            return;
        }

        (string Name, int? Minutes)[] ordered = [("stat", targets.Stat), ("asap", targets.Asap), ("urgent", targets.Urgent), ("routine", targets.Routine)];
        foreach (var (name, minutes) in ordered)
        {
            if (minutes is < 1 or > MaxMinutes)
            {
                errors.Add($"{field}.{name}", $"A turnaround target is 1 to {MaxMinutes} minutes.");
            }
        }

        var given = ordered.Where(t => t.Minutes is not null).ToList();
        for (var i = 1; i < given.Count; i++)
        {
            if (given[i].Minutes < given[i - 1].Minutes)
            {
                errors.Add($"{field}.{given[i].Name}", $"A more urgent priority is never slower: {given[i].Name} must not be faster than {given[i - 1].Name}.");
            }
        }
    }

    private static void CheckTexts(string[]? texts, int max, string field, FieldErrorList errors)
    {
        if (texts is null)
        {
            return;
        }

        if (texts.Length > max)
        {
            errors.Add(field, $"At most {max} entries.");
            return;
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                errors.Add($"{field}[{i}]", "An entry is not empty.");
            }

            CheckText(texts[i], $"{field}[{i}]", errors);
        }
    }

    private static void CheckText(string? text, string field, FieldErrorList errors)
    {
        if (text is { Length: > LabTest.TextLength })
        {
            errors.Add(field, $"At most {LabTest.TextLength} characters.");
        }
    }
}
