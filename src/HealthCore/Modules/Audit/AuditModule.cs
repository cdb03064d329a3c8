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
        audit.MapGet("/", ListAuditRecords.Handle)
            .WithName("listAuditRecords")
            .WithSummary("List audit records")
            .WithDescription("The caller's tenant's audit trail, newest first, paged with a cursor; filters narrow by actor, entity, action and time.");
        audit.MapGet("/verify", VerifyAuditLog.Handle)
            .WithName("verifyAuditLog")
            .WithSummary("Verify the audit log")
            .WithDescription("Checks the caller's legacy chain up to its frozen head, then every Merkle leaf against its record, the tree's root and every signed checkpoint; counts committed records that are in no leaf yet.");
        audit.MapGet("/export", ExportAuditRecords.Handle)
            .WithName("exportAuditRecords")
            .WithSummary("Export the audit log as CSV")
            .WithDescription("RFC 4180 CSV of the caller's log, oldest first (by id), streamed row by row from the database.")
            .Produces<string>(StatusCodes.Status200OK, ExportAuditRecords.ContentType);
        audit.MapGet("/checkpoints/latest", GetLatestCheckpoint.Handle)
            .WithName("getLatestAuditCheckpoint")
            .WithSummary("Latest signed checkpoint")
            .WithDescription("The newest signed checkpoint of the caller's Merkle tree: tree size, RFC 6962 root hash, time, key id and ES256 signature, for anchoring outside HealthCore.");
        audit.MapGet("/records/{id:guid}/proof", GetInclusionProof.Handle)
            .WithName("getAuditInclusionProof")
            .WithSummary("Inclusion proof of a record")
            .WithDescription("The RFC 6962 audit path proving that the record's leaf is in the tree of the given size (default: the latest checkpoint when it covers the record, else the current tree); 409 while the record is not sealed yet.");
        audit.MapGet("/consistency", GetConsistencyProof.Handle)
            .WithName("getAuditConsistencyProof")
            .WithSummary("Consistency proof between two tree sizes")
            .WithDescription("The RFC 6962 proof that the tree of size `first` is a prefix of the tree of size `second`, so no sealed record was changed or removed between two checkpoints.");
        audit.MapGet("/keys", GetCheckpointKeys.Handle)
            .WithName("getAuditCheckpointKeys")
            .WithSummary("Checkpoint signing keys")
            .WithDescription("The public keys (JWK and PEM) that verify checkpoint signatures, including retired keys still listed in configuration.");
        return api;
    }
}
