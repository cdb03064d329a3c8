namespace HealthCore.Modules.Admissions;

internal enum WardType
{
    General,
    Icu,
    Ccu,
    Nicu,
    Picu,
    Hdu,
    Isolation,
    Maternity,
    Private,
}

/// <summary>Who a ward may take: single-sex wards admit only patients whose recorded gender matches.</summary>
internal enum GenderPolicy
{
    Mixed,
    Male,
    Female,
}

internal enum BedType
{
    Standard,
    Icu,
    Ccu,
    Isolation,
    Pediatric,
    Bariatric,
}

internal enum BedFeature
{
    Oxygen,
    Ventilator,
    Monitor,
    NegativePressure,
}

/// <summary>The stored form of a bed's features: a bit per <see cref="BedFeature"/>, so "has feature" filters run in the database.</summary>
[Flags]
internal enum BedFeatures
{
    None = 0,
    Oxygen = 1 << BedFeature.Oxygen,
    Ventilator = 1 << BedFeature.Ventilator,
    Monitor = 1 << BedFeature.Monitor,
    NegativePressure = 1 << BedFeature.NegativePressure,
}

internal enum BedStatus
{
    Available,
    Reserved,
    Occupied,
    Cleaning,
    Maintenance,
    Blocked,
}

internal enum AdmissionType
{
    Elective,
    Emergency,
    TransferIn,
    DayCase,
}

/// <summary>How much care the patient needs; <see cref="Icu"/> and <see cref="Ccu"/> need a critical-care bed.</summary>
internal enum AcuityLevel
{
    Standard,
    HighDependency,
    Icu,
    Ccu,
}

internal enum IsolationKind
{
    Contact,
    Droplet,
    Airborne,
    Protective,
}

/// <summary>Pending (admitted, waiting for a bed) and active (in a bed) admissions are open; the other two are closed for good.</summary>
internal enum AdmissionStatus
{
    Pending,
    Active,
    Discharged,
    Cancelled,
}

internal enum DischargeType
{
    Normal,
    AgainstMedicalAdvice,
    Death,
    TransferToAnotherFacility,
    Absconded,
}

internal enum DischargeDisposition
{
    Home,
    HomeWithServices,
    AnotherHospital,
    NursingFacility,
    Rehabilitation,
    Hospice,
    Morgue,
    Unknown,
    Other,
}

internal enum AdmissionEventType
{
    Admitted,
    BedAssigned,
    Transferred,
    Discharged,
    Cancelled,
    BedStatusChanged,
}

internal static class BedFeatureSet
{
    public static BedFeatures From(IEnumerable<BedFeature>? features) =>
        (features ?? []).Aggregate(BedFeatures.None, (set, feature) => set | (BedFeatures)(1 << (int)feature));

    public static IReadOnlyList<BedFeature> ToList(BedFeatures features) =>
        [.. Enum.GetValues<BedFeature>().Where(feature => features.HasFlag((BedFeatures)(1 << (int)feature)))];
}
