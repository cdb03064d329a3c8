using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record CreateTenantRequest(
    [Required, RegularExpression(Tenant.CodePattern, ErrorMessage = Tenant.CodeRule)] string Code,
    [Required, StringLength(200)] string Name,
    [Required] CreateFacilityRequest Facility,
    [Required] NewTenantAdmin Admin);

internal sealed record NewTenantAdmin(
    [Required, RegularExpression(User.UsernamePattern, ErrorMessage = User.UsernameRule)] string Username,
    [Required, StringLength(200)] string DisplayName,
    [Required, NewPassword][property: Description(PasswordPolicy.Rule)] string Password);

internal sealed record ProvisionedTenantResponse(TenantResponse Tenant, FacilityResponse Facility, UserResponse Admin);

internal static class CreateTenant
{
    public static async Task<Results<Created<ProvisionedTenantResponse>, ValidationProblem, ConflictProblem>> Handle(
        CreateTenantRequest request, IdentityDb db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Check(request.Admin.Password, request.Admin.Username) is { } weakness)
        {
            return FieldErrors.Invalid("admin.password", weakness);
        }

        var code = Tenant.NormalizeCode(request.Code);
        if (await db.Tenants.AnyAsync(t => t.Code == code, cancellationToken))
        {
            return CodeTaken(code);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var provisioned = await provisioning.ProvisionAsync(
            new NewTenant(request.Code, request.Name, request.Facility, request.Admin.Username, request.Admin.DisplayName, request.Admin.Password, [Roles.Admin]),
            cancellationToken);
        if (provisioned is not var (tenant, facility, admin))
        {
            return CodeTaken(code);
        }

        db.AuditEvent("create", nameof(Tenant), tenant.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/v1/tenants/{tenant.Id}",
            new ProvisionedTenantResponse(TenantResponse.From(tenant), FacilityResponse.From(facility), UserResponse.From(admin)));
    }

    private static ConflictProblem CodeTaken(string code) =>
        new("The tenant code is taken.", $"A tenant with code '{code}' exists already; tenant codes are unique without regard to case.");
}
