using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabCodeResponse(string Code, string? Display);

internal sealed record LabBasedOnResponse(Guid OrderId, Guid ItemId);

internal sealed record LabQuantityResponse(decimal Value, string? Unit);

internal sealed record LabRatioResponse(decimal Numerator, decimal Denominator);

/// <summary>The range applied, as FHIR Observation.referenceRange has it (low, high, text) with its critical limits and the patients it is for.</summary>
internal sealed record LabAppliedRangeResponse(
    string Text, decimal? Low, decimal? High, decimal? CriticalLow, decimal? CriticalHigh, string? Unit, string Sex, string AgeFrom, string? AgeTo, bool? Pregnant);

internal sealed record LabDeltaResponse(decimal PreviousValue, Guid PreviousResultId);

internal sealed record LabVersionLink(int Version, string Href);

/// <summary>One analyte's result, shaped as a FHIR Observation.</summary>
/// <param name="Value">The value as text ("6.8", "positive", "1:320").</param>
/// <param name="Flags">critical (outside a critical limit) and delta (a change beyond the test's delta limit, held for review).</param>
internal sealed record LabResultResponse(
    Guid Id,
    string Status,
    LabCodeResponse Code,
    string ValueType,
    string Value,
    string? Unit,
    LabQuantityResponse? ValueQuantity,
    string? ValueCode,
    string? ValueText,
    LabRatioResponse? ValueRatio,
    string? Interpretation,
    LabAppliedRangeResponse? ReferenceRange,
    IReadOnlyList<string> Flags,
    LabDeltaResponse? Delta,
    string? Note);

/// <summary>
/// One version of the results of an ordered test or panel, shaped as a FHIR DiagnosticReport: <see cref="Id"/> is the
/// report's across versions (the order item's id), <see cref="VersionId"/> this version's own.
/// </summary>
internal sealed record LabReportResponse(
    Guid Id,
    Guid VersionId,
    int Version,
    bool IsCurrent,
    string Status,
    bool Corrected,
    LabCodeResponse Code,
    Guid Subject,
    Guid Encounter,
    LabBasedOnResponse BasedOn,
    Guid? Specimen,
    DateTimeOffset? Effective,
    DateTimeOffset? Issued,
    Guid? Performer,
    DateTimeOffset EnteredAt,
    Guid? ResultsInterpreter,
    DateTimeOffset? VerifiedAt,
    bool AutoVerified,
    string? Conclusion,
    string? CorrectionReason,
    IReadOnlyList<LabVersionLink> PreviousVersions,
    IReadOnlyList<LabResultResponse> Results)
{
    public const string Path = "/api/v1/lab/reports";

    public static LabReportResponse From(LabReport report)
    {
        var status = QueryEnum.Name(report.Status);
        return new LabReportResponse(
            report.ReportId,
            report.Id,
            report.Version,
            report.IsCurrent,
            status,
            report.Status == LabReportStatus.Corrected,
            new LabCodeResponse(report.Code, report.Display),
            report.PatientId,
            report.EncounterId,
            new LabBasedOnResponse(report.RequestId, report.ReportId),
            report.SpecimenId,
            report.CollectedAt,
            report.IssuedAt,
            report.EnteredBy,
            report.EnteredAt,
            report.VerifiedBy,
            report.VerifiedAt,
            report.AutoVerified,
            report.Comment,
            report.CorrectionReason,
            [.. Enumerable.Range(1, report.Version - 1).Reverse().Select(v => new LabVersionLink(v, $"{Path}/{report.ReportId}?version={v}"))],
            [.. report.Results.OrderBy(r => r.Sequence).Select(r => Result(r, status))]);
    }

    private static LabResultResponse Result(LabResult result, string status) => new(
        result.Id,
        status,
        new LabCodeResponse(result.Code, result.Display),
        QueryEnum.Name(result.ValueType),
        result.ValueText,
        result.Unit,
        result.Quantity is { } quantity ? new LabQuantityResponse(AppliedRange.Trimmed(quantity), result.Unit) : null,
        result.CodedValue,
        result.TextValue,
        result is { Numerator: { } numerator, Denominator: { } denominator } ? new LabRatioResponse(AppliedRange.Trimmed(numerator), AppliedRange.Trimmed(denominator)) : null,
        result.Interpretation is { } interpretation ? QueryEnum.Name(interpretation) : null,
        result.ReferenceRange is { } range
            ? new LabAppliedRangeResponse(range.Text, range.Low, range.High, range.CriticalLow, range.CriticalHigh, range.Unit, range.Sex, range.AgeFrom, range.AgeTo, range.Pregnant)
            : null,
        [.. new[] { (result.IsCritical, "critical"), (result.DeltaFlag, "delta") }.Where(f => f.Item1).Select(f => f.Item2)],
        result is { PreviousValue: { } previous, PreviousResultId: { } previousId } ? new LabDeltaResponse(AppliedRange.Trimmed(previous), previousId) : null,
        result.Comment);
}
