namespace HealthCore.Modules.Identity;

// A hospital group. Not tenant-owned itself: login has to find it by code before any tenant is known.
internal sealed class Tenant
{
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9-]{1,49}$";
    public const string CodeRule = "The code must be 2 to 50 letters, digits or '-', starting with a letter or digit; it is what users type to sign in.";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Code { get; init; }

    public required string Name { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public static string NormalizeCode(string code) => code.Trim().ToLowerInvariant();
}
