using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

/// <summary>Choosing the one reference range that applies to a patient, and reading a quantity against it.</summary>
internal static class ReferenceRanges
{
    /// <summary>
    /// The applicable range, or null when none applies (an unusual age or sex is not an error). A range applies when
    /// its sex is the patient's or any, its pregnancy flag is the patient's or unset, and the patient's age on the
    /// collection date (UTC) is at least ageFrom and below ageTo. Of those, the most specific wins: a pregnancy-specific
    /// range over a sex-specific one over a general one. Validation keeps the age bands of one sex and pregnancy flag
    /// apart, so there is never a tie.
    /// </summary>
    public static ReferenceRange? Select(IEnumerable<ReferenceRange> ranges, LabPatient patient, DateTimeOffset collectedAt)
    {
        var on = DateOnly.FromDateTime(collectedAt.UtcDateTime);
        return ranges
            .Where(range => Applies(range, patient, on))
            .OrderByDescending(Specificity)
            .FirstOrDefault();
    }

    public static LabReferenceRange ToContract(this ReferenceRange range, string testCode, string? unit) =>
        new(testCode, unit, QueryName(range.Sex), range.AgeFrom, range.AgeTo, range.Pregnant, range.Low, range.High, range.CriticalLow, range.CriticalHigh);

    private static bool Applies(ReferenceRange range, LabPatient patient, DateOnly on) =>
        (range.Sex == RangeSex.Any || Matches(range.Sex, patient.Sex))
        && (range.Pregnant is null || range.Pregnant == patient.Pregnant)
        && AgeBound.Parse(range.AgeFrom).ReachedOn(patient.BirthDate) <= on
        && (range.AgeTo is null || on < AgeBound.Parse(range.AgeTo).ReachedOn(patient.BirthDate));

    private static bool Matches(RangeSex sex, LabPatientSex patient) =>
        (sex, patient) is (RangeSex.Female, LabPatientSex.Female) or (RangeSex.Male, LabPatientSex.Male);

    private static string QueryName(RangeSex sex) => QueryEnum.Name(sex);

    private static int Specificity(ReferenceRange range) => (range.Pregnant is null ? 0 : 2) + (range.Sex == RangeSex.Any ? 0 : 1);
}
