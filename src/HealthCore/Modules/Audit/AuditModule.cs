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
        audit.MapGet("/", ListAuditRecords.Handle)
            .WithName("listAuditRecords")
            .WithSummary("List audit records")
            .WithDescription("The caller's tenant's audit trail, paged with a cursor; filters narrow by actor, entity, action and time.");
        audit.MapGet("/verify", VerifyAuditChain.Handle)
            .WithName("verifyAuditChain")
            .WithSummary("Verify the audit chain")
            .WithDescription("Walks the caller's chain in sequence order: each record must have the next sequence number, point at the previous record's hash, and hash to its stored hash. Streams, so a long chain is not held in memory.");
        audit.MapGet("/export", ExportAuditRecords.Handle)
            .WithName("exportAuditRecords")
            .WithSummary("Export the audit chain as CSV")
            .WithDescription("RFC 4180 CSV of the caller's chain in sequence order, streamed row by row from the database.")
            .Produces<string>(StatusCodes.Status200OK, ExportAuditRecords.ContentType);
        return api;
    }
}
