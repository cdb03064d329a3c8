using HealthCore.Modules.Audit.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Audit;

internal static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddModuleDb<AuditDb>().AddScoped<IAuditTrail, AuditTrail>();

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        // Admin and Auditor (audit.read); every caller sees only its own tenant's chain.
        var audit = api.MapGroup("/audit").WithTags("Audit").RequirePermission(Permissions.AuditRead);
        audit.MapGet("/", ListAuditRecords.Handle);
        audit.MapGet("/verify", VerifyAuditChain.Handle);
        audit.MapGet("/export", ExportAuditRecords.Handle).Produces<string>(StatusCodes.Status200OK, ExportAuditRecords.ContentType);
        return api;
    }
}
