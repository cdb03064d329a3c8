using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record CreateWardRequest(
    [Required] Guid? FacilityId,
    Guid? DepartmentId,
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required] WardType? Type,
    [Required, Range(1, 500)] int? Capacity,
    [Tags(20, 50)] IReadOnlyList<string>? Features,
    GenderPolicy? GenderPolicy);

internal sealed record WardResponse(
    Guid Id,
    Guid FacilityId,
    Guid? DepartmentId,
    string Name,
    WardType Type,
    int Capacity,
    int BedCount,
    IReadOnlyList<string> Features,
    GenderPolicy GenderPolicy,
    int Version,
    DateTimeOffset CreatedAt)
{
    public static WardResponse From(Ward ward) =>
        new(ward.Id, ward.FacilityId, ward.DepartmentId, ward.Name, ward.Type, ward.Capacity, ward.BedCount, ward.Features, ward.GenderPolicy, ward.Version, ward.CreatedAt);
}

internal static class CreateWard
{
    public static async Task<Results<Created<WardResponse>, ValidationProblem, ConflictProblem>> Handle(
        CreateWardRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await VisibleFacilities.UnknownForWardAsync(db, directory, request.FacilityId!.Value, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        if (request.DepartmentId is { } department && !await directory.IsActiveDepartmentAsync(department, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", "No active department with this id exists.");
        }

        var name = request.Name.Trim();
        if (await db.Wards.AnyAsync(w => w.FacilityId == request.FacilityId && w.Name == name, cancellationToken))
        {
            return NameTaken(name);
        }

        var ward = new Ward
        {
            FacilityId = request.FacilityId!.Value,
            DepartmentId = request.DepartmentId,
            Name = name,
            Type = request.Type!.Value,
            Capacity = request.Capacity!.Value,
            Features = [.. request.Features ?? []],
            GenderPolicy = request.GenderPolicy ?? GenderPolicy.Mixed,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Wards.Add(ward);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NameTaken(name);
        }

        http.SetETag(ward);
        return TypedResults.Created($"/api/v1/wards/{ward.Id}", WardResponse.From(ward));
    }

    public static ConflictProblem NameTaken(string name) =>
        AdmissionRules.Violation(AdmissionRules.WardNameTaken, "The facility already has a ward with this name.", $"A ward named '{name}' exists in this facility.");
}
