using HealthCore.Modules.Audit.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Commands;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Audit;

internal static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<CheckpointSigner>();
        services.AddSingleton<AuditSealerState>();
        services.AddScoped<AuditSealing>();
        services.AddHostedService<AuditSealer>();
        services.AddServiceCommand<StartAuditEpochCommand>();
        return services.AddModuleDb<AuditDb>().AddScoped<IAuditTrail, AuditTrail>();
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        // Admin and Auditor (audit.read); every caller sees only its own tenant's log.
        var audit = api.MapGroup("/audit").WithTags("Audit").RequirePermission(Permissions.AuditRead);
        audit.MapGet("/", ListAuditRecords.Handle);
        audit.MapGet("/verify", VerifyAuditLog.Handle);
        audit.MapGet("/export", ExportAuditRecords.Handle).Produces<string>(StatusCodes.Status200OK, ExportAuditRecords.ContentType);
        audit.MapGet("/checkpoints/latest", GetLatestCheckpoint.Handle);
        audit.MapGet("/records/{id:guid}/proof", GetInclusionProof.Handle);
        audit.MapGet("/consistency", GetConsistencyProof.Handle);
        audit.MapGet("/keys", GetCheckpointKeys.Handle);
        return api;
    }
}
