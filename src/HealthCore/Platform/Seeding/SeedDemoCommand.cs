using System.Globalization;
using HealthCore.Platform.Commands;

namespace HealthCore.Platform.Seeding;

/// <summary>`seed-demo [--patients N]`: fills the demo tenant with deterministic demo data; running it again adds nothing.</summary>
internal sealed class SeedDemoCommand(DemoSeed seed) : IServiceCommand
{
    public const int DefaultPatients = 2000;

    public string Name => "seed-demo";

    public string Description => "fill the demo tenant with deterministic demo data (--patients N, default 2000)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var patients = DefaultPatients;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--patients" && i + 1 < arguments.Count
                && int.TryParse(arguments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out patients))
            {
                i++;
                continue;
            }

            await Console.Error.WriteLineAsync($"seed-demo: unexpected argument '{arguments[i]}' (usage: seed-demo [--patients N])");
            return 2;
        }

        return await seed.RunAsync(patients, cancellationToken) ? 0 : 1;
    }
}
