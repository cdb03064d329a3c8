using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace HealthCore.Platform.Security;

/// <summary>
/// Symmetric keys by name from configuration (Secrets:{name}, base64, at least 32 bytes). Outside Production a
/// missing key is generated once and persisted under the data folder so restarts keep working; in Production a
/// missing key is a startup error, never a silent default.
/// </summary>
internal sealed class SecretKeyStore(IConfiguration configuration, IHostEnvironment environment)
{
    public const int MinimumKeyBytes = 32;
    private readonly ConcurrentDictionary<string, byte[]> cache = new(StringComparer.Ordinal);

    public byte[] Get(string name) => cache.GetOrAdd(name, Load);

    private byte[] Load(string name)
    {
        if (configuration[$"Secrets:{name}"] is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= MinimumKeyBytes
                ? key
                : throw new InvalidOperationException($"Secrets:{name} must be at least {MinimumKeyBytes} bytes (base64).");
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException($"Secrets:{name} is not configured; Production never generates keys.");
        }

        return LoadOrCreateDevelopmentKey(name);
    }

    private byte[] LoadOrCreateDevelopmentKey(string name)
    {
        var folder = Path.Combine(environment.ContentRootPath, "data", "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.key");
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            file.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it first: use theirs so both sign alike.
            for (var attempt = 0; ; attempt++)
            {
                var existing = File.ReadAllBytes(path);
                if (existing.Length >= MinimumKeyBytes || attempt == 50)
                {
                    return existing;
                }

                Thread.Sleep(20);
            }
        }
    }
}
