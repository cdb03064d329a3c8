namespace HealthCore.Modules.Identity;

// A hospital group. Not tenant-owned itself: login has to find it by code before any tenant is known.
internal sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Code { get; init; }

    public required string Name { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public static string NormalizeCode(string code) => code.Trim().ToLowerInvariant();
}
