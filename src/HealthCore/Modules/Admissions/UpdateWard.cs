using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal static class UpdateWard
{
    public static async Task<Results<Ok<WardResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, AdmissionsDb db, MergePatch mergePatch, IAdmissionDirectory directory, HttpContext http,
        CancellationToken cancellationToken)
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

        // The POST document: a facility given corrects the site the ward was recorded in; null clears the department,
        // empties the features and restores the mixed gender policy.
        var (input, problem) = mergePatch.Apply(ward.ToInput(), patch);
        if (problem is not null)
        {
            return problem;
        }

        var facilityId = input!.FacilityId!.Value;
        if (facilityId != ward.FacilityId
            && await VisibleFacilities.UnknownForWardAsync(db, directory, facilityId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        if (input.DepartmentId is { } department && department != ward.DepartmentId && !await directory.IsActiveDepartmentAsync(department, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", "No active department with this id exists.");
        }

        var name = input.Name.Trim();
        if ((name != ward.Name || facilityId != ward.FacilityId)
            && await db.Wards.AnyAsync(w => w.FacilityId == facilityId && w.Name == name && w.Id != ward.Id, cancellationToken))
        {
            return CreateWard.NameTaken(name);
        }

        var capacity = input.Capacity!.Value;
        if (capacity != ward.Capacity && capacity < ward.BedCount)
        {
            return AdmissionRules.Violation(
                AdmissionRules.WardCapacityReached,
                "The capacity cannot be less than the ward's beds.",
                $"The ward has {ward.BedCount} beds.");
        }

        var policy = input.GenderPolicy ?? GenderPolicy.Mixed;
        if (policy != ward.GenderPolicy && await OccupantNotAllowedAsync(db, directory, ward, policy, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        ward.Name = name;
        ward.FacilityId = facilityId;
        ward.DepartmentId = input.DepartmentId;
        ward.Type = input.Type!.Value;
        ward.Capacity = capacity;
        if (!ward.Features.SequenceEqual(input.Features ?? []))
        {
            ward.Features = [.. input.Features ?? []];
        }

        ward.GenderPolicy = policy;
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
