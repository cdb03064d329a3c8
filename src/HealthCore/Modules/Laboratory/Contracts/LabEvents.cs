namespace HealthCore.Modules.Laboratory.Contracts;

/// <summary>The laboratory began work on items of an order (their specimen was collected): the order's items are in progress.</summary>
internal sealed record LabWorkStarted(Guid OrderId, IReadOnlyList<Guid> ItemIds, DateTimeOffset StartedAt);

/// <summary>
/// The results of one ordered test or panel (a DiagnosticReport) were released: verified as final, or a released
/// report was replaced by a corrected version. Performers of the order item complete it; a critical observation
/// obliges someone to acknowledge it; FHIR and HL7 (ORU^R01) map the report from it.
/// </summary>
/// <param name="ItemId">The order item (test or panel) reported.</param>
/// <param name="ReportId">The report of the item; the same id across its versions.</param>
/// <param name="Status">final, or corrected for a later version of a released report.</param>
/// <param name="Version">1 for the first release, one more per correction.</param>
/// <param name="VerifiedBy">The user who verified it; null when the tenant's auto-verification released it.</param>
internal sealed record LabResultsReleased(
    Guid OrderId,
    Guid ItemId,
    Guid ReportId,
    Guid PatientId,
    Guid EncounterId,
    string Code,
    string? Display,
    string Status,
    int Version,
    IReadOnlyList<ReleasedObservation> Observations,
    Guid? VerifiedBy,
    DateTimeOffset ReleasedAt);

/// <summary>One analyte's result in a released report.</summary>
/// <param name="ResultId">The observation's id (the id critical-value acknowledgement uses).</param>
/// <param name="Value">The value as text (e.g. "6.8", "positive", "1:320"), with <paramref name="Unit"/> for a quantity.</param>
/// <param name="Interpretation">normal, low, high, criticalLow, criticalHigh or abnormal; null when no range applied.</param>
/// <param name="Critical">Outside a critical (panic) limit, or a coded answer the catalogue marks critical.</param>
internal sealed record ReleasedObservation(
    Guid ResultId, string Code, string? Display, string Value, string? Unit, string? Interpretation, bool Critical, string? ReferenceRange);
