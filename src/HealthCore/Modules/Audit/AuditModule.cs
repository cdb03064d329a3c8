using HealthCore.Platform.Database;

namespace HealthCore.Modules.Audit;

internal static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddModuleDb<AuditDb>();

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        // Admin and Auditor only, once the identity module's permissions exist (audit.read); for now any caller
        // sees only its own tenant's chain.
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/", ListAuditRecords.Handle);
        audit.MapGet("/verify", VerifyAuditChain.Handle);
        audit.MapGet("/export", ExportAuditRecords.Handle).Produces<string>(StatusCodes.Status200OK, ExportAuditRecords.ContentType);
        return api;
    }
}
