using HealthCore.Platform.Http;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// The rules a placement or a move must satisfy. Each violation is a 409 whose <c>rule</c> names what was broken, so a
/// client can react without parsing prose; where a state is involved, <c>currentStatus</c> names it.
/// </summary>
internal static class AdmissionRules
{
    public const string IsolationBedRequired = "isolation-bed-required";
    public const string NegativePressureBedRequired = "negative-pressure-bed-required";
    public const string CriticalCareBedRequired = "critical-care-bed-required";
    public const string WardGenderPolicy = "ward-gender-policy";
    public const string BedNotAvailable = "bed-not-available";
    public const string BedReservedForAnotherPatient = "bed-reserved-for-another-patient";
    public const string IllegalBedTransition = "illegal-bed-transition";
    public const string BedInUse = "bed-in-use";
    public const string PatientInactive = "patient-inactive";
    public const string PatientAlreadyAdmitted = "patient-already-admitted";
    public const string AdmissionClosed = "admission-closed";
    public const string AdmissionPending = "admission-pending";
    public const string AdmissionNotPending = "admission-not-pending";
    public const string AdmissionHasTransfers = "admission-has-transfers";
    public const string SameBed = "same-bed";
    public const string WardCapacityReached = "ward-capacity-reached";
    public const string WardNameTaken = "ward-name-taken";
    public const string BedNumberTaken = "bed-number-taken";
    public const string ConcurrentChange = "concurrent-change";

    public static ConflictProblem Violation(string rule, string title, string detail, params (string Key, object? Value)[] extra)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = rule };
        foreach (var (key, value) in extra)
        {
            extensions[key] = value;
        }

        return new ConflictProblem(title, detail, extensions);
    }

    /// <summary>
    /// Whether the bed suits the patient's needs: isolation needs an isolation bed (or an isolation ward), airborne
    /// isolation a negative-pressure bed, ICU acuity an ICU bed, CCU acuity a CCU or ICU bed, and a single-sex ward a
    /// patient whose recorded gender matches (an unrecorded gender cannot be shown to match).
    /// </summary>
    public static ConflictProblem? CheckPlacement(Ward ward, Bed bed, PatientFacts patient, AcuityLevel acuity, bool isolationRequired, IsolationKind? isolationKind)
    {
        if (isolationRequired && bed.Type != BedType.Isolation && ward.Type != WardType.Isolation)
        {
            return Violation(
                IsolationBedRequired,
                "The patient needs an isolation-capable bed.",
                $"Bed {bed.Number} is a {QueryEnum.Name(bed.Type)} bed on a {QueryEnum.Name(ward.Type)} ward; isolation needs an isolation bed or an isolation ward.");
        }

        if (isolationRequired && isolationKind == IsolationKind.Airborne && !bed.IsCapable(BedFeatures.NegativePressure))
        {
            return Violation(
                NegativePressureBedRequired,
                "Airborne isolation needs a negative-pressure bed.",
                $"Bed {bed.Number} has no negative pressure.");
        }

        var criticalCare = acuity switch
        {
            AcuityLevel.Icu => bed.Type == BedType.Icu,
            AcuityLevel.Ccu => bed.Type is BedType.Ccu or BedType.Icu,
            _ => true,
        };
        if (!criticalCare)
        {
            return Violation(
                CriticalCareBedRequired,
                $"{QueryEnum.Name(acuity).ToUpperInvariant()} acuity needs a critical-care bed.",
                $"Bed {bed.Number} is a {QueryEnum.Name(bed.Type)} bed; {QueryEnum.Name(acuity)} acuity needs {(acuity == AcuityLevel.Icu ? "an ICU bed" : "a CCU or ICU bed")}.");
        }

        return AdmitsGender(ward.GenderPolicy, patient.Gender) ? null : GenderViolation(ward, ward.GenderPolicy, patient);
    }

    public static bool AdmitsGender(GenderPolicy policy, PatientGender gender) => policy switch
    {
        GenderPolicy.Male => gender == PatientGender.Male,
        GenderPolicy.Female => gender == PatientGender.Female,
        _ => true,
    };

    public static ConflictProblem GenderViolation(Ward ward, GenderPolicy policy, PatientFacts patient) =>
        Violation(
            WardGenderPolicy,
            $"Ward {ward.Name} admits {QueryEnum.Name(policy)} patients only.",
            $"Patient {patient.Id} has recorded gender {QueryEnum.Name(patient.Gender)}.",
            ("genderPolicy", QueryEnum.Name(policy)),
            ("patientId", patient.Id));

    /// <summary>The bed can take this patient now: available (an expired reservation no longer counts), or reserved for them.</summary>
    public static ConflictProblem? CheckAvailable(Bed bed, Guid patientId, DateTimeOffset now)
    {
        var status = bed.EffectiveStatus(now);
        if (status == BedStatus.Available || (status == BedStatus.Reserved && bed.ReservedForPatientId == patientId))
        {
            return null;
        }

        return status == BedStatus.Reserved
            ? Violation(
                BedReservedForAnotherPatient,
                $"Bed {bed.Number} is reserved for another patient.",
                $"The reservation holds until {bed.ReservationExpiresAt:O}.",
                ("currentStatus", QueryEnum.Name(status)))
            : Violation(
                BedNotAvailable,
                $"Bed {bed.Number} is {QueryEnum.Name(status)}.",
                "Only an available bed, or one reserved for this patient, can be taken.",
                ("currentStatus", QueryEnum.Name(status)));
    }

    public static ConflictProblem Closed(Admission admission) =>
        Violation(
            AdmissionClosed,
            $"The admission is {QueryEnum.Name(admission.Status)}.",
            $"A {QueryEnum.Name(admission.Status)} admission is closed: it cannot be transferred, assigned a bed, discharged or cancelled.",
            ("currentStatus", QueryEnum.Name(admission.Status)));

    public static ConflictProblem Concurrent(string what) =>
        Violation(
            ConcurrentChange,
            $"The {what} was changed by a concurrent request.",
            "Read it again and retry if the change still makes sense.");

}
