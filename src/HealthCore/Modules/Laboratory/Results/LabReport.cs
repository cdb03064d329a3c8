using HealthCore.Platform.Database;

namespace HealthCore.Modules.Laboratory;

/// <summary>A report's FHIR DiagnosticReport.status.</summary>
internal enum LabReportStatus
{
    Preliminary,
    Final,
    Corrected,
    Amended,
    Cancelled,
}

/// <summary>A result's FHIR Observation.interpretation (v3 ObservationInterpretation N, L, H, LL, HH, A).</summary>
internal enum LabResultInterpretation
{
    Normal,
    Low,
    High,
    CriticalLow,
    CriticalHigh,
    Abnormal,
}

/// <summary>The reference range a result was read against, as it applied at collection (kept with the result: catalogue edits never re-read old results).</summary>
internal sealed record AppliedRange(
    string Sex, string AgeFrom, string? AgeTo, bool? Pregnant, decimal? Low, decimal? High, decimal? CriticalLow, decimal? CriticalHigh, string? Unit)
{
    /// <summary>"3.5-5.1 mmol/L", "&lt;= 5.6 %", "&gt;= 60 mL/min": the range as a report prints it.</summary>
    public string Text => (Low, High) switch
    {
        ({ } low, { } high) => $"{Number(low)}-{Number(high)}{UnitSuffix}",
        ({ } low, null) => $">= {Number(low)}{UnitSuffix}",
        (null, { } high) => $"<= {Number(high)}{UnitSuffix}",
        _ => $"critical < {Number(CriticalLow)} or > {Number(CriticalHigh)}{UnitSuffix}",
    };

    private string UnitSuffix => Unit is null ? "" : $" {Unit}";

    // Dividing by 1.000… drops the trailing zeros a decimal column's scale adds (6.800000 reads as 6.8).
    public static string Number(decimal? value) => value is { } v ? Trimmed(v).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";

    public static decimal Trimmed(decimal value) => value / 1.0000000000000000000000000000m;
}

/// <summary>
/// One version of the results of an ordered test or panel (FHIR DiagnosticReport): its id is stable across versions
/// (<see cref="ReportId"/>, the order item's id), each version is a row of its own. A preliminary version takes
/// re-entered values; once released (final or corrected) a version never changes again except for
/// <see cref="IsCurrent"/>, and a correction is a new version.
/// </summary>
internal sealed class LabReport : ITenantOwned
{
    public const int CommentLength = 2000;

    /// <summary>This version's own id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>The report's id across its versions: the order item's.</summary>
    public Guid ReportId { get; init; }

    public Guid RequestId { get; init; }

    public Guid PatientId { get; init; }

    public Guid EncounterId { get; init; }

    public Guid FacilityId { get; init; }

    public required string Code { get; init; }

    public string? Display { get; init; }

    /// <summary>1 for the first version, one more per correction.</summary>
    public int Version { get; init; }

    public LabReportStatus Status { get; set; }

    public Guid? SpecimenId { get; init; }

    /// <summary>When the specimen was collected (DiagnosticReport.effective): the instant the reference ranges are chosen for.</summary>
    public DateTimeOffset? CollectedAt { get; init; }

    /// <summary>Who entered (or last changed) the values: the performer, and the one user who may not verify them.</summary>
    public Guid? EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The verifier (DiagnosticReport.resultsInterpreter); null while preliminary and when auto-verified.</summary>
    public Guid? VerifiedBy { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public bool AutoVerified { get; set; }

    /// <summary>When this version was released (DiagnosticReport.issued).</summary>
    public DateTimeOffset? IssuedAt { get; set; }

    public string? Comment { get; set; }

    public string? CorrectionReason { get; set; }

    public Guid? PreviousVersionId { get; set; }

    public bool IsCurrent { get; set; }

    public List<LabResult> Results { get; init; } = [];

    public bool IsReleased => Status is LabReportStatus.Final or LabReportStatus.Corrected;

    /// <summary>A new current version of the item's report, without values yet.</summary>
    public static LabReport Of(LabRequest request, LabRequestItem item, int version, LabReportStatus status) => new()
    {
        ReportId = item.Id,
        RequestId = request.Id,
        PatientId = request.PatientId,
        EncounterId = request.EncounterId,
        FacilityId = request.FacilityId,
        Code = item.Code,
        Display = item.Display,
        Version = version,
        Status = status,
        SpecimenId = item.SpecimenId,
        CollectedAt = item.CollectedAt,
        IsCurrent = true,
    };
}

/// <summary>One analyte's result in a report version (FHIR Observation).</summary>
internal sealed class LabResult : ITenantOwned
{
    public const int TextLength = 2000;
    public const int Precision = 18;
    public const int Scale = 6;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid LabReportId { get; init; }

    /// <summary>Place in the report, in the item's analyte order.</summary>
    public int Sequence { get; init; }

    public required string Code { get; init; }

    public string? Display { get; init; }

    public LabValueType ValueType { get; init; }

    public decimal? Quantity { get; init; }

    public string? Unit { get; init; }

    public string? CodedValue { get; init; }

    public string? TextValue { get; init; }

    public decimal? Numerator { get; init; }

    public decimal? Denominator { get; init; }

    /// <summary>Null when no range applied (and for text and coded answers).</summary>
    public LabResultInterpretation? Interpretation { get; init; }

    public AppliedRange? ReferenceRange { get; init; }

    /// <summary>The change from the patient's previous released result of the analyte exceeded the test's delta limit: held for review.</summary>
    public bool DeltaFlag { get; init; }

    public decimal? PreviousValue { get; init; }

    public Guid? PreviousResultId { get; init; }

    public string? Comment { get; init; }

    public bool IsCritical => Interpretation is LabResultInterpretation.CriticalLow or LabResultInterpretation.CriticalHigh;

    /// <summary>The value as text: "6.8", "positive", "1:320".</summary>
    public string ValueText => ValueType switch
    {
        LabValueType.Quantity => AppliedRange.Number(Quantity),
        LabValueType.Coded => CodedValue ?? "",
        LabValueType.Ratio => $"{AppliedRange.Number(Numerator)}:{AppliedRange.Number(Denominator)}",
        _ => TextValue ?? "",
    };
}
