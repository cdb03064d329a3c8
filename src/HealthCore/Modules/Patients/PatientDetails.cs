using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace HealthCore.Modules.Patients;

/// <summary>
/// A patient's record as clients write it: the body of a registration or a match, and the document a PATCH merges into.
/// Clinical fields (height, weight, past surgeries, current medications) need clinical.write. Allergies and conditions
/// are records of their own in the Clinical module; the retired fields are only here to answer a client that still sends them.
/// <see cref="ConfirmNotDuplicate"/> only means something on registration: it registers despite likely duplicates.
/// </summary>
internal sealed record PatientDetails(
    [property: Required] HumanName? Name,
    [property: Required] DateOnly? BirthDate,
    [property: Required] AdministrativeGender? Gender,
    [property: MaxLength(20)] IReadOnlyList<Identifier>? Identifiers = null,
    [property: MaxLength(10)] IReadOnlyList<HumanName>? OtherNames = null,
    [property: MaxLength(20)] IReadOnlyList<ContactPoint>? Telecom = null,
    [property: MaxLength(10)] IReadOnlyList<Address>? Addresses = null,
    [property: StringLength(35), RegularExpression(
        "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", ErrorMessage = "The language must be a BCP 47 tag such as en or pt-BR.")] string? PreferredLanguage = null,
    MaritalStatus? MaritalStatus = null,
    [property: MaxLength(10)] IReadOnlyList<EmergencyContact>? EmergencyContacts = null,
    Guid? PrimaryPractitionerId = null,
    bool? Deceased = null,
    DateTimeOffset? DeceasedAt = null,
    [property: Range(typeof(decimal), "20", "300", ErrorMessage = "Height must be between 20 and 300 cm.")] decimal? HeightCm = null,
    [property: Range(typeof(decimal), "0.2", "700", ErrorMessage = "Weight must be between 0.2 and 700 kg.")] decimal? WeightKg = null,
    [property: Description(PatientDetails.RetiredAllergies)] JsonElement? Allergies = null,
    [property: Description(PatientDetails.RetiredConditions)] JsonElement? Conditions = null,
    [property: MaxLength(100)] IReadOnlyList<Surgery>? PastSurgeries = null,
    [property: MaxLength(100)] IReadOnlyList<string>? CurrentMedications = null,
    [property: MaxLength(50)] IReadOnlyList<Consent>? Consents = null,
    bool? ConfirmNotDuplicate = null) : IValidatableObject
{
    public const string RetiredAllergies =
        "Retired: allergies are records of their own, at POST /api/v1/patients/{id}/allergies; sending this field answers 400. The patient's response still lists them.";

    public const string RetiredConditions =
        "Retired: conditions are the patient's problem list, at POST /api/v1/patients/{id}/problems; sending this field answers 400. The patient's response still lists them.";

    /// <summary>
    /// The JSON names of the clinical fields; writing them needs clinical.write, reading them clinical.read (also in the
    /// history of records from before allergies and conditions left the patient record).
    /// </summary>
    public static readonly IReadOnlySet<string> ClinicalFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "heightCm", "weightKg", "allergies", "conditions", "pastSurgeries", "currentMedications",
    };

    public bool HasClinicalData =>
        HeightCm is not null || WeightKg is not null || PastSurgeries is { Count: > 0 } || CurrentMedications is { Count: > 0 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Allergies is not null)
        {
            yield return new ValidationResult(RetiredAllergies, ["allergies"]);
        }

        if (Conditions is not null)
        {
            yield return new ValidationResult(RetiredConditions, ["conditions"]);
        }

        if (Deceased == false && DeceasedAt is not null)
        {
            yield return new ValidationResult("A patient with a time of death is deceased; leave deceased out or set it to true.", ["deceased"]);
        }

        foreach (var failure in PatientFormats.EachString(CurrentMedications, "currentMedications", 500, required: true))
        {
            yield return failure;
        }

        var lists = new (string Name, IEnumerable<object?>? Items)[]
        {
            ("identifiers", Identifiers), ("otherNames", OtherNames), ("telecom", Telecom), ("addresses", Addresses),
            ("emergencyContacts", EmergencyContacts),
            ("pastSurgeries", PastSurgeries), ("consents", Consents),
        };
        foreach (var (name, items) in lists)
        {
            var index = 0;
            foreach (var item in items ?? [])
            {
                if (item is null)
                {
                    yield return new ValidationResult("The entry must not be null.", [$"{name}[{index}]"]);
                }

                index++;
            }
        }
    }

    /// <summary>The rules that depend on today's date, answered as field errors (JSON paths).</summary>
    public Dictionary<string, string[]> CheckDates(DateOnly today, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (BirthDate is { } birth)
        {
            if (birth > today)
            {
                errors["birthDate"] = ["The birth date is in the future."];
            }
            else if (birth < today.AddYears(-150))
            {
                errors["birthDate"] = ["The birth date is more than 150 years ago."];
            }
        }

        if (DeceasedAt is { } died)
        {
            if (died > now.AddMinutes(5))
            {
                errors["deceasedAt"] = ["The time of death is in the future."];
            }
            // Day numbers, not AddDays: a birth date of 0001-01-01 has no day before it (an overflow, once a 500).
            else if (BirthDate is { } born && DateOnly.FromDateTime(died.UtcDateTime).DayNumber < born.DayNumber - 1)
            {
                errors["deceasedAt"] = ["The time of death is before the birth date."];
            }
        }

        Future(errors, PastSurgeries, "pastSurgeries", "date", s => s.Date, today);
        return errors;
    }

    private static void Future<T>(Dictionary<string, string[]> errors, IReadOnlyList<T>? items, string list, string field, Func<T, DateOnly?> date, DateOnly today)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (date(items![i]) > today)
            {
                errors[$"{list}[{i}].{field}"] = ["The date is in the future."];
            }
        }
    }
}
