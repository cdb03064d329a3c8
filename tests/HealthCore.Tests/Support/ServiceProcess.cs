using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HealthCore.Tests.Support;

/// <summary>
/// The built service as its own operating-system process on PostgreSQL, as it is deployed, so a test can kill it with
/// SIGKILL mid-request and start it again on the same database and data folder (keys).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private Process? process;

    private ServiceProcess(string connectionString, string adminPassword, DirectoryInfo dataFolder, int port)
    {
        ConnectionString = connectionString;
        AdminPassword = adminPassword;
        DataFolder = dataFolder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string ConnectionString { get; }

    public string AdminPassword { get; }

    public DirectoryInfo DataFolder { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static ServiceProcess For(string connectionString) => new(
        connectionString, $"Crash-Test-Passphrase-{Guid.NewGuid():N}", Directory.CreateTempSubdirectory("healthcore-service-"), LoopbackPort.Free());

    /// <summary>Starts the service and returns a client signed in as the demo tenant's admin, once it answers.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = DataFolder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { typeof(Program).Assembly.Location, "--urls", BaseAddress.ToString() },
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Staging",
                ["DOTNET_ENVIRONMENT"] = "Staging",
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = ConnectionString,
                ["Database__MigrateOnStartup"] = "true",
                ["Bootstrap__AdminPassword"] = AdminPassword,
                ["Http__RateLimit__PermitLimit"] = "1000000",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "demo", username = "admin", password = AdminPassword });
                if (login.IsSuccessStatusCode)
                {
                    var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    return client;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The service did not start:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, requests in flight are cut off.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        DataFolder.Delete(recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
