namespace HealthCore.Modules.Admissions.Contracts;

/// <summary>A patient was admitted, into a bed or waiting for one (<c>BedId</c> null).</summary>
/// <param name="AdmissionType">elective, emergency, transferIn or dayCase.</param>
/// <param name="AdmittedAt">When the admission began on the ward (not when it was entered).</param>
internal sealed record PatientAdmitted(
    Guid AdmissionId,
    Guid PatientId,
    Guid DepartmentId,
    Guid AdmittingPractitionerId,
    string AdmissionType,
    Guid? BedId,
    Guid? WardId,
    DateTimeOffset AdmittedAt);

/// <summary>
/// A patient moved into a bed: from another bed (a transfer), or, for an admission that was waiting for a bed, from
/// nowhere (<c>FromBedId</c> and <c>FromWardId</c> null). Bed-days in the old bed end and in the new bed start at
/// <c>TransferredAt</c>.
/// </summary>
internal sealed record PatientTransferred(
    Guid AdmissionId,
    Guid PatientId,
    Guid? FromBedId,
    Guid? FromWardId,
    Guid ToBedId,
    Guid ToWardId,
    Guid FromDepartmentId,
    Guid ToDepartmentId,
    string? Reason,
    DateTimeOffset TransferredAt);

/// <summary>A patient was discharged; the admission is closed for good.</summary>
/// <param name="DischargeType">normal, againstMedicalAdvice, death, transferToAnotherFacility or absconded.</param>
/// <param name="Disposition">Where the patient went (home, nursingFacility, morgue, ...), when recorded.</param>
/// <param name="LengthOfStayDays">Midnights between admission and discharge in the tenant's time zone.</param>
internal sealed record PatientDischarged(
    Guid AdmissionId,
    Guid PatientId,
    Guid? BedId,
    Guid? WardId,
    string DischargeType,
    string? Disposition,
    DateTimeOffset AdmittedAt,
    DateTimeOffset DischargedAt,
    int LengthOfStayDays);

/// <summary>An admission entered in error was cancelled: consumers should undo what they derived from it (e.g. bed-days).</summary>
internal sealed record AdmissionCancelled(Guid AdmissionId, Guid PatientId, string Reason, DateTimeOffset CancelledAt);

/// <summary>A bed changed status (available, reserved, occupied, cleaning, maintenance, blocked).</summary>
/// <param name="AdmissionId">The admission that caused the change, if any.</param>
internal sealed record BedStatusChanged(
    Guid BedId,
    Guid WardId,
    string From,
    string To,
    string? Reason,
    Guid? AdmissionId,
    DateTimeOffset ChangedAt);
