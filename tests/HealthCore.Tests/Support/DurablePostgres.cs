using System.Diagnostics;
using System.Globalization;

namespace HealthCore.Tests.Support;

/// <summary>
/// A PostgreSQL 15 server of the test's own, configured as production runs it (fsync, synchronous_commit and full-page
/// writes on), that the test may crash with SIGKILL and start again (crash recovery). The shared test server runs
/// without durability and cannot be killed. As root the server runs as the `postgres` user, as scripts/postgres.sh does.
/// </summary>
internal sealed class DurablePostgres : IAsyncDisposable
{
    private static readonly string Bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly DirectoryInfo directory;
    private readonly int port = LoopbackPort.Free();

    private DurablePostgres(DirectoryInfo directory) => this.directory = directory;

    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=40";

    private string DataDirectory => Path.Combine(directory.FullName, "data");

    public static async Task<DurablePostgres> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("healthcore-durable-pg-");
        await RunAsync("chmod", "755", directory.FullName);
        if (AsRoot)
        {
            await RunAsync("chown", "postgres:postgres", directory.FullName);
        }

        var server = new DurablePostgres(directory);
        await RunAsPostgresAsync(Path.Combine(Bin, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (after a crash: with crash recovery from the WAL) and waits until it accepts connections.</summary>
    public Task RestartAsync() => RunAsPostgresAsync(
        Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(directory.FullName, "server.log"), "-w", "-t", "120",
        "-o", $"-p {port} -k {directory.FullName} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=100",
        "start");

    /// <summary>SIGKILL to the postmaster and every backend at once: a crash, with no shutdown checkpoint.</summary>
    public async Task CrashAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First());

        // Frozen first, so that it forks no backend between listing its children and their deaths (a survivor would
        // hold the shared memory and the restart would refuse to start).
        await RunAsync("kill", "-STOP", postmaster.ToString(CultureInfo.InvariantCulture));
        var processes = ChildrenOf(postmaster).Append(postmaster).Select(TryGetProcess).OfType<Process>().ToList();
        foreach (var process in processes)
        {
            process.Kill();
        }

        foreach (var process in processes)
        {
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already down (the test crashed it last).
        }

        directory.Delete(recursive: true);
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.All(char.IsDigit))
            .Select(name => int.Parse(name!))
            .Where(pid => ParentOf(pid) == parent);

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Process? TryGetProcess(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}");
        }
    }
}
