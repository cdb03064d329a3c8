using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>Fields left out (null) stay as they are. A facility given corrects the site the ward was recorded in.</summary>
internal sealed record UpdateWardRequest(
    [StringLength(200, MinimumLength = 1)] string? Name,
    Guid? FacilityId,
    Guid? DepartmentId,
    WardType? Type,
    [Range(1, 500)] int? Capacity,
    [Tags(20, 50)] IReadOnlyList<string>? Features,
    GenderPolicy? GenderPolicy);

internal static class UpdateWard
{
    public static async Task<Results<Ok<WardResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, UpdateWardRequest request, AdmissionsDb db, IAdmissionDirectory directory, HttpContext http, CancellationToken cancellationToken)
    {
        var ward = await db.Wards.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (ward is null)
        {
            return NotFoundProblem.For("Ward", id);
        }

        if (db.CheckIfMatch(http.Request, ward) is { } precondition)
        {
            return precondition;
        }

        if (request.FacilityId is { } facility && facility != ward.FacilityId
            && await VisibleFacilities.UnknownForWardAsync(db, directory, facility, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        if (request.DepartmentId is { } department && department != ward.DepartmentId && !await directory.IsActiveDepartmentAsync(department, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", "No active department with this id exists.");
        }

        var name = request.Name?.Trim() ?? ward.Name;
        var facilityId = request.FacilityId ?? ward.FacilityId;
        if ((name != ward.Name || facilityId != ward.FacilityId)
            && await db.Wards.AnyAsync(w => w.FacilityId == facilityId && w.Name == name && w.Id != ward.Id, cancellationToken))
        {
            return CreateWard.NameTaken(name);
        }

        if (request.Capacity is { } capacity && capacity < ward.BedCount)
        {
            return AdmissionRules.Violation(
                AdmissionRules.WardCapacityReached,
                "The capacity cannot be less than the ward's beds.",
                $"The ward has {ward.BedCount} beds.");
        }

        if (request.GenderPolicy is { } policy && policy != ward.GenderPolicy
            && await OccupantNotAllowedAsync(db, directory, ward, policy, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        ward.Name = name;
        ward.FacilityId = facilityId;
        ward.DepartmentId = request.DepartmentId ?? ward.DepartmentId;
        ward.Type = request.Type ?? ward.Type;
        ward.Capacity = request.Capacity ?? ward.Capacity;
        ward.Features = request.Features is { } features ? [.. features] : ward.Features;
        ward.GenderPolicy = request.GenderPolicy ?? ward.GenderPolicy;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return CreateWard.NameTaken(name);
        }

        http.SetETag(ward);
        return TypedResults.Ok(WardResponse.From(ward));
    }

    /// <summary>A ward cannot become single-sex while it holds a patient the new policy would not admit.</summary>
    private static async Task<ConflictProblem?> OccupantNotAllowedAsync(
        AdmissionsDb db, IAdmissionDirectory directory, Ward ward, GenderPolicy policy, CancellationToken cancellationToken)
    {
        var occupants = await db.Occupancies.AsNoTracking()
            .Where(o => o.WardId == ward.Id && o.ReleasedAt == null)
            .Select(o => o.PatientId)
            .ToListAsync(cancellationToken);
        foreach (var patientId in occupants)
        {
            var patient = await directory.FindPatientAsync(patientId, cancellationToken)
                ?? new PatientFacts(patientId, null, PatientGender.Unknown, Active: false);
            if (!AdmissionRules.AdmitsGender(policy, patient.Gender))
            {
                return AdmissionRules.GenderViolation(ward, policy, patient);
            }
        }

        return null;
    }
}
