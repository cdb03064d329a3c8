using System.Diagnostics;

namespace HealthCore.Tests.Platform.OpenApi;

/// <summary>
/// Checks the committed document with the tools a client team would use (tools/contract; scripts/test.sh runs
/// `npm ci` there first): a generated TypeScript client must type-check, Redocly must find no error, and the
/// Postman collection exported from it must pass against the real service.
/// </summary>
public sealed class ContractToolTests
{
    private static readonly string Tools = Path.Combine(Repository.Root, "tools", "contract");

    [Fact]
    public async Task A_TypeScript_client_generated_from_the_document_type_checks()
    {
        await RunAsync(Path.Combine(Tools, "typescript", "check.sh"));
    }

    [Fact]
    public async Task Redocly_lint_finds_no_errors_in_the_document()
    {
        await RunAsync(
            Path.Combine(Tools, "node_modules", ".bin", "redocly"),
            "lint", Path.Combine(Repository.Root, "docs", "openapi", "v1.json"), "--config", Path.Combine(Tools, "redocly.yaml"), "--format=summary");
    }

    [Fact]
    public async Task The_Postman_collection_exported_from_the_document_passes_against_the_running_service()
    {
        await RunAsync(Path.Combine(Tools, "postman", "smoke.sh"), ServiceAssembly());
    }

    // The service's own build output (with its runtimeconfig), in the configuration this test was built in.
    private static string ServiceAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Repository.Root, "src", "HealthCore", "bin", configuration, "net10.0", "HealthCore.dll");
        File.Exists(path).ShouldBeTrue($"{path} is missing: build src/HealthCore in {configuration} first.");
        return path;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        File.Exists(Path.Combine(Tools, "node_modules", ".bin", "tsc")).ShouldBeTrue("The contract tools are not installed: run `npm ci` in tools/contract (scripts/test.sh does).");
        var start = new ProcessStartInfo(program) { WorkingDirectory = Tools, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"{Path.GetFileName(program)} failed:\n{await output}\n{await errors}");
    }
}
