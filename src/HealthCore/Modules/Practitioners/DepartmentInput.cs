using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Practitioners;

/// <summary>A department's editable fields: the body of POST, and the document a PATCH merge patch applies to.</summary>
/// <param name="FacilityId">An active facility of the caller's tenant (/api/v1/facilities); any other id answers 400 naming facilityId.</param>
internal sealed record DepartmentInput(
    [Required, StringLength(200)] string Name,
    [Required, StringLength(50), RegularExpression(DepartmentInput.CodePattern, ErrorMessage = "Use letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    string Code,
    [Required] DepartmentType? Type,
    [StringLength(100)] string? Specialty,
    [Required] Guid? FacilityId,
    [MaxLength(20)] IReadOnlyList<DepartmentCapability>? Capabilities = null,
    ContactDetails? Contact = null,
    bool Active = true) : IValidatableObject
{
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FacilityId == Guid.Empty)
        {
            yield return new ValidationResult("facilityId must be a facility's id, not the empty id.", [nameof(FacilityId)]);
        }
    }
}

internal sealed record DepartmentResponse(
    Guid Id,
    string Name,
    string Code,
    DepartmentType Type,
    string? Specialty,
    Guid FacilityId,
    IReadOnlyList<DepartmentCapability> Capabilities,
    ContactDetails? Contact,
    bool Active,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static DepartmentResponse From(Department department) => new(
        department.Id,
        department.Name,
        department.Code,
        department.Type,
        department.Specialty,
        department.FacilityId,
        department.Capabilities,
        ContactDetails.Of(department.Phone, department.Email),
        department.Active,
        department.Version,
        department.CreatedAt,
        department.UpdatedAt);
}
