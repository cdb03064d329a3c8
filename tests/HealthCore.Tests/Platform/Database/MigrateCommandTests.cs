using System.Diagnostics;
using HealthCore.Platform.Database;
using HealthCore.Platform.Database.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Tests.Platform.Database;

/// <summary>The deployment path: `HealthCore migrate` applies the migrations of the built service and exits.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task The_migrate_command_applies_every_migration_to_a_new_SQLite_database_and_exits_0()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(DatabaseProvider.Sqlite, "migrate-command");
        var workingDirectory = Directory.CreateTempSubdirectory("healthcore-migrate-");
        try
        {
            var (exitCode, output) = await RunServiceAsync(workingDirectory.FullName, database.ConnectionString, "migrate");

            exitCode.ShouldBe(0, output);
            var migrationId = typeof(PlatformInitial).GetCustomAttributes(typeof(MigrationAttribute), false).Cast<MigrationAttribute>().Single().Id;
            (await ScalarsAsync(database.ConnectionString, $"SELECT MigrationId FROM {ModuleDbContext.MigrationsHistoryTable}_platform"))
                .ShouldBe([migrationId]);
            (await ScalarsAsync(database.ConnectionString, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name"))
                .ShouldBe([
                    "admission_events", "admissions", "admissions_outbox", "allergies", "allergy_versions", "appointment_reminders", "appointment_reschedules",
                    "appointments", "assessments", "audit_chain_heads", "audit_checkpoints", "audit_leaves", "audit_outbox", "audit_records",
                    "audit_seal_cursors", "audit_tree_heads", "bed_occupancies",
                    "bed_status_changes", "beds", "clinical_outbox", "department_rules", "departments", "diagnoses", "encounter_participants", "encounter_status_changes", "encounters", "facilities", "idempotency_records",
                    "identity_outbox", "lab_accession_counters", "lab_critical_alerts", "lab_reports", "lab_request_items", "lab_requests", "lab_results", "lab_specimens", "lab_starter_catalog_loads", "lab_tests", "laboratory_outbox", "note_cosignatures", "note_versions", "notes", "notification_templates", "notifications", "notifications_outbox",
                    "order_items", "orders", "orders_outbox", "patient_lookup_keys",
                    "patient_mrn_counters", "patient_name_keys", "patient_name_variants", "patients", "patients_outbox", "platform_outbox",
                    "practitioner_memberships", "practitioners", "practitioners_outbox", "problem_versions", "problems", "processed_messages", "refresh_tokens",
                    "schedule_blocks", "schedules", "scheduling_outbox", "shift_assignments", "shifts", "slot_usage",
                    "tenant_settings", "tenants", "users", "vitals_observations", "waitlist_entries", "wards",
                ]);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_command_exits_2_and_lists_the_commands_instead_of_serving()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(DatabaseProvider.Sqlite, "unknown-command");
        var workingDirectory = Directory.CreateTempSubdirectory("healthcore-command-");
        try
        {
            var (exitCode, output) = await RunServiceAsync(workingDirectory.FullName, database.ConnectionString, "migrtae");

            exitCode.ShouldBe(2, output);
            output.ShouldContain("Unknown command 'migrtae'");
            output.ShouldContain("seed-demo");
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(string workingDirectory, string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { typeof(Program).Assembly.Location },
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Sqlite",
                ["Database__ConnectionString"] = connectionString,
                ["Database__MigrateOnStartup"] = "false",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` did not exit within 180 s (is it serving instead?)\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static async Task<List<string>> ScalarsAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
