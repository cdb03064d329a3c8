namespace HealthCore.Modules.Laboratory.Contracts;

/// <summary>The current tenant's laboratory test catalogue, for ordering tests and recording their results.</summary>
internal interface ILabTestCatalog
{
    /// <summary>The test or panel with this code (inactive ones too, with <see cref="LabTestDefinition.Active"/> false); null when the tenant has none.</summary>
    Task<LabTestDefinition?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// The reference range of the test that applied to the patient when the specimen was collected; null when the
    /// test is unknown or no range applies (a result is then reported without interpretation).
    /// </summary>
    Task<LabReferenceRange?> SelectRangeAsync(string code, LabPatient patient, DateTimeOffset collectedAt, CancellationToken cancellationToken);
}

/// <summary>A test or panel as an order needs it.</summary>
/// <param name="Code">LOINC code, or the laboratory's local code where LOINC has none.</param>
/// <param name="Kind">"test" or "panel".</param>
/// <param name="MinimumRetestInterval">An order of the same test for the same patient inside it is a duplicate; null when any interval is fine.</param>
/// <param name="Turnaround">Target time from order to verified result per priority ("routine", "urgent", "asap", "stat"); priorities without a target are absent.</param>
/// <param name="ExpandedTestCodes">The tests a panel stands for, nested panels expanded, in report order without repeats; a test's own code for a test.</param>
internal sealed record LabTestDefinition(
    string Code,
    string Display,
    string Kind,
    bool Active,
    string? SpecimenType,
    string? Container,
    decimal? VolumeMl,
    string? ValueType,
    string? Unit,
    IReadOnlyList<string> AllowedAnswers,
    TimeSpan? MinimumRetestInterval,
    IReadOnlyDictionary<string, TimeSpan> Turnaround,
    string? PriceCode,
    LabDeltaLimit? DeltaLimit,
    IReadOnlyList<string> ExpandedTestCodes);

/// <summary>How far a result may differ from the patient's previous one: <see cref="Limit"/> in the test's unit ("absolute") or in percent ("percent").</summary>
internal sealed record LabDeltaLimit(string Kind, decimal Limit)
{
    /// <summary>Whether going from <paramref name="previous"/> to <paramref name="current"/> exceeds the limit (a change of exactly the limit does not).</summary>
    public bool IsExceeded(decimal previous, decimal current) => Kind == "percent"
        ? previous == 0 ? current != 0 : Math.Abs(current - previous) * 100 / Math.Abs(previous) > Limit
        : Math.Abs(current - previous) > Limit;
}

internal enum LabPatientSex
{
    Female,
    Male,
    Other,
    Unknown,
}

/// <summary>The patient as range selection sees them; pregnancy unknown counts as not pregnant.</summary>
internal sealed record LabPatient(LabPatientSex Sex, DateOnly BirthDate, bool Pregnant = false);

internal enum LabInterpretation
{
    Normal,
    Low,
    High,
    CriticalLow,
    CriticalHigh,
}

/// <summary>The range a result is read against, to be recorded with the result. Ages are ISO 8601 durations since birth, from inclusive, to exclusive.</summary>
internal sealed record LabReferenceRange(
    string TestCode, string? Unit, string Sex, string AgeFrom, string? AgeTo, bool? Pregnant,
    decimal? Low, decimal? High, decimal? CriticalLow, decimal? CriticalHigh)
{
    /// <summary>
    /// Where a quantity in the range's unit falls. The reference limits are inclusive (a potassium of exactly 3.5
    /// against 3.5–5.1 is normal); the critical limits are exclusive, as they are published ("&lt; 2.8", "&gt; 6.2"):
    /// a potassium of exactly 2.8 is low, not critical.
    /// </summary>
    public LabInterpretation Interpret(decimal value) => value switch
    {
        _ when value < CriticalLow => LabInterpretation.CriticalLow,
        _ when value > CriticalHigh => LabInterpretation.CriticalHigh,
        _ when value < Low => LabInterpretation.Low,
        _ when value > High => LabInterpretation.High,
        _ => LabInterpretation.Normal,
    };
}
