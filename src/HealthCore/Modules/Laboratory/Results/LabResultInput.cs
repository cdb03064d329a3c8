using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabQuantityInput(decimal? Value, string? Unit);

internal sealed record LabRatioInput(decimal? Numerator, decimal? Denominator);

/// <summary>One analyte's value: exactly one of the value fields, of the kind the catalogue gives the test.</summary>
internal sealed record LabResultInput(
    string? Code, LabQuantityInput? ValueQuantity = null, string? ValueCode = null, string? ValueText = null, LabRatioInput? ValueRatio = null, string? Comment = null);

/// <summary>The results read against the catalogue, or why they cannot be: 400 for a malformed entry, 422 for one the catalogue refuses.</summary>
internal sealed record LabResultReading(List<LabResult> Results, ValidationProblem? Invalid, UnprocessableProblem? Refused);

/// <summary>
/// Turns entered values into result rows of an item: checks each against the catalogue (the item's analytes, the
/// test's value kind, unit and answers), interprets a quantity against the range that applied to the patient when the
/// specimen was collected, and compares it with the patient's previous released result of the analyte (delta check).
/// </summary>
internal sealed class LabResultReader(LaboratoryDb db, LabTestCatalog catalog, IPatientDirectory patients)
{
    public const int MaxResults = 100;

    public async Task<LabResultReading> ReadAsync(LabRequest request, LabRequestItem item, LabResultInput[]? inputs, CancellationToken cancellationToken)
    {
        var malformed = new FieldErrorList();
        if (inputs is not { Length: > 0 and <= MaxResults })
        {
            malformed.Add("results", $"Give 1 to {MaxResults} results.");
            return Malformed(malformed);
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            CheckShape(inputs[i], $"results[{i}]", malformed);
            if (inputs[i].Code is { } code && Array.FindIndex(inputs, other => other.Code == code) < i)
            {
                malformed.Add($"results[{i}].code", "Each analyte is reported once.");
            }
        }

        if (malformed.Count > 0)
        {
            return Malformed(malformed);
        }

        var refused = new FieldErrorList();
        var patient = await PatientAsync(request.PatientId, cancellationToken);
        var collectedAt = item.CollectedAt ?? item.ReceivedAt ?? request.OrderedAt;
        var results = new List<LabResult>();
        var codes = inputs.Select(input => input.Code!).Where(item.AnalyteCodes.Contains).ToList();
        var tests = await catalog.FindManyAsync(codes, cancellationToken);
        var quantities = inputs.Where(input => input.ValueQuantity is not null).Select(input => input.Code!).Where(item.AnalyteCodes.Contains).ToList();
        var ranges = await catalog.SelectRangesAsync(quantities, patient, collectedAt, cancellationToken);
        var previous = await PreviousAsync(request.PatientId, item.Id, quantities, collectedAt, cancellationToken);
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            var at = $"results[{i}]";
            if (!item.AnalyteCodes.Contains(input.Code!))
            {
                refused.Add($"{at}.code", $"'{input.Code}' is not reported under {item.Code}: the item's analytes are {string.Join(", ", item.AnalyteCodes)}.");
                continue;
            }

            var test = tests.GetValueOrDefault(input.Code!);
            if (test?.ValueType is not { } kindName || !QueryEnum.TryParse<LabValueType>(kindName, out var kind))
            {
                refused.Add($"{at}.code", $"'{input.Code}' has no result definition in the laboratory catalogue.");
                continue;
            }

            if (CheckValue(input, test, kind, at, refused))
            {
                results.Add(Interpret(input, test, kind, ranges.GetValueOrDefault(test.Code), previous.TryGetValue(test.Code, out var earlier) ? earlier : null, item.AnalyteCodes.IndexOf(input.Code!)));
            }
        }

        return refused.Count > 0
            ? new LabResultReading([], null, new UnprocessableProblem(
                "The results break the catalogue's rules.", "See errors for each result and the rule it breaks.", new Dictionary<string, object?> { ["errors"] = refused.ToDictionary() }))
            : new LabResultReading(results, null, null);
    }

    private static LabResultReading Malformed(FieldErrorList errors) => new([], FieldErrors.Invalid(errors.ToDictionary()), null);

    private static void CheckShape(LabResultInput input, string at, FieldErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(input.Code) || input.Code.Length > LabTest.CodeLength)
        {
            errors.Add($"{at}.code", "Give the analyte's test code.");
        }

        var given = new[] { input.ValueQuantity is not null, input.ValueCode is not null, input.ValueText is not null, input.ValueRatio is not null }.Count(g => g);
        if (given != 1)
        {
            errors.Add(at, "Give exactly one of valueQuantity, valueCode, valueText or valueRatio.");
        }

        if (input.ValueQuantity is { } quantity && (quantity.Value is null || string.IsNullOrWhiteSpace(quantity.Unit)))
        {
            errors.Add($"{at}.valueQuantity", "A quantity has a value and a unit.");
        }

        if (input.ValueRatio is { } ratio && (ratio.Numerator is not > 0 || ratio.Denominator is not > 0))
        {
            errors.Add($"{at}.valueRatio", "A ratio (titre) has a numerator and a denominator above 0, e.g. 1:320.");
        }

        if (input.ValueCode is { } code && (string.IsNullOrWhiteSpace(code) || code.Length > LabTest.TextLength))
        {
            errors.Add($"{at}.valueCode", $"Give one of the test's answers (at most {LabTest.TextLength} characters).");
        }

        if (input.ValueText is { } text && (string.IsNullOrWhiteSpace(text) || text.Length > LabResult.TextLength))
        {
            errors.Add($"{at}.valueText", $"A text result is 1 to {LabResult.TextLength} characters.");
        }

        if (input.Comment is { Length: > LabResult.TextLength })
        {
            errors.Add($"{at}.comment", $"At most {LabResult.TextLength} characters.");
        }
    }

    private static bool CheckValue(LabResultInput input, LabTestDefinition test, LabValueType kind, string at, FieldErrorList errors)
    {
        var count = errors.Count;
        var field = kind switch
        {
            LabValueType.Quantity => "valueQuantity",
            LabValueType.Coded => "valueCode",
            LabValueType.Ratio => "valueRatio",
            _ => "valueText",
        };
        var givenKind = input.ValueQuantity is not null ? LabValueType.Quantity
            : input.ValueCode is not null ? LabValueType.Coded
            : input.ValueRatio is not null ? LabValueType.Ratio
            : LabValueType.Text;
        if (givenKind != kind)
        {
            errors.Add($"{at}.{field}", $"{test.Code} reports a {QueryEnum.Name(kind)} result: give {field}.");
        }
        else if (kind == LabValueType.Quantity && input.ValueQuantity!.Unit != test.Unit)
        {
            errors.Add($"{at}.valueQuantity.unit", $"{test.Code} is reported in {test.Unit}: the unit must be the test's (no conversion).");
        }
        else if (kind == LabValueType.Coded && !test.AllowedAnswers.Contains(input.ValueCode!.Trim()))
        {
            errors.Add($"{at}.valueCode", $"The answer must be one of the test's answers: {string.Join(", ", test.AllowedAnswers)}.");
        }

        return errors.Count == count;
    }

    private static LabResult Interpret(
        LabResultInput input, LabTestDefinition test, LabValueType kind, LabReferenceRange? applied, (Guid Id, decimal Value)? earlier, int sequence)
    {
        LabReferenceRange? range = null;
        LabResultInterpretation? interpretation = null;
        (Guid Id, decimal Value)? previous = null;
        var delta = false;
        if (input.ValueQuantity is { Value: { } value })
        {
            range = applied;
            interpretation = range is null ? null : Enum.Parse<LabResultInterpretation>(range.Interpret(value).ToString());
            previous = earlier;
            delta = previous is { } last && test.DeltaLimit?.IsExceeded(last.Value, value) == true;
        }

        return new LabResult
        {
            Sequence = sequence,
            Code = test.Code,
            Display = test.Display,
            ValueType = kind,
            Quantity = input.ValueQuantity?.Value,
            Unit = kind == LabValueType.Quantity ? test.Unit : null,
            CodedValue = input.ValueCode?.Trim(),
            TextValue = input.ValueText?.Trim(),
            Numerator = input.ValueRatio?.Numerator,
            Denominator = input.ValueRatio?.Denominator,
            Interpretation = interpretation,
            ReferenceRange = range is null ? null : new AppliedRange(
                range.Sex, range.AgeFrom, range.AgeTo, range.Pregnant, range.Low, range.High, range.CriticalLow, range.CriticalHigh, range.Unit),
            DeltaFlag = delta,
            PreviousValue = previous?.Value,
            PreviousResultId = previous?.Id,
            Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
        };
    }

    /// <summary>
    /// Per analyte, the patient's latest released result collected before this specimen, in another report: one query
    /// over the patient's released quantities of these analytes.
    /// </summary>
    private async Task<Dictionary<string, (Guid Id, decimal Value)>> PreviousAsync(
        Guid patientId, Guid reportId, List<string> codes, DateTimeOffset collectedAt, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var rows = await (
                from result in db.Results
                join report in db.Reports on result.LabReportId equals report.Id
                where report.PatientId == patientId && report.IsCurrent && report.ReportId != reportId
                    && (report.Status == LabReportStatus.Final || report.Status == LabReportStatus.Corrected)
                    && report.CollectedAt < collectedAt && codes.Contains(result.Code) && result.Quantity != null
                select new { result.Code, result.Id, result.Quantity, report.CollectedAt, ReportRowId = report.Id })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.CollectedAt).ThenByDescending(r => r.ReportRowId).First())
            .ToDictionary(r => r.Code, r => (r.Id, r.Quantity!.Value), StringComparer.Ordinal);
    }

    private async Task<LabPatient> PatientAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await patients.FindAsync(patientId, cancellationToken)
            ?? throw new InvalidOperationException($"The patient {patientId} of a laboratory request is not in the patient directory.");

        // Pregnancy is not recorded anywhere yet: unknown counts as not pregnant.
        return new LabPatient(Enum.TryParse<LabPatientSex>(patient.Gender, ignoreCase: true, out var sex) ? sex : LabPatientSex.Unknown, patient.BirthDate);
    }
}
