using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace HealthCore.Tests.Modules.Audit;

/// <summary>
/// An acknowledged write is never lost, nor its audit record, when the service or PostgreSQL (with synchronous_commit
/// on) is killed mid-traffic: the record is inserted in the change's own transaction, and the sealer picks up after a
/// restart whatever it had not sealed.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int Clients = 8;

    [Fact]
    public async Task No_acknowledged_registration_or_its_audit_record_is_lost_on_kill_9_of_the_service_or_of_PostgreSQL()
    {
        await using var postgres = await DurablePostgres.StartAsync();
        await using var service = ServiceProcess.For(postgres.ConnectionString);
        var acknowledged = new ConcurrentBag<Guid>();

        var client = await service.StartAsync();
        await RegisterUntilAsync(client, acknowledged, crash: service.KillAsync);
        var beforeServiceCrash = acknowledged.Count;

        client = await service.StartAsync();
        await RegisterUntilAsync(client, acknowledged, crash: postgres.CrashAsync);
        var beforeDatabaseCrash = acknowledged.Count;
        await postgres.RestartAsync();
        await RegisterUntilAsync(client, acknowledged, crash: () => Task.CompletedTask);

        beforeServiceCrash.ShouldBeGreaterThan(0, service.Output);
        beforeDatabaseCrash.ShouldBeGreaterThan(beforeServiceCrash, service.Output);
        acknowledged.Count.ShouldBeGreaterThan(beforeDatabaseCrash, "registrations resume once PostgreSQL is back\n" + service.Output);

        output.WriteLine($"acknowledged: {beforeServiceCrash} before the service was killed, {beforeDatabaseCrash - beforeServiceCrash} before PostgreSQL was, {acknowledged.Count - beforeDatabaseCrash} after its recovery");
        var ids = acknowledged.ToArray();
        (await ScalarAsync(postgres, "SELECT count(*) FROM patients.patients WHERE id = ANY(@ids)", ids)).ShouldBe(ids.Length);
        (await ScalarAsync(postgres, "SELECT count(DISTINCT entity_id) FROM audit.audit_records WHERE entity_id = ANY(@ids)", ids.Select(id => id.ToString()).ToArray()))
            .ShouldBe(ids.Length);

        var verification = await SealedAndVerifiedAsync(client);
        verification.GetProperty("tree").GetProperty("unsealedRecords").GetInt64().ShouldBe(0);
        (await ScalarAsync(postgres, "SELECT count(*) FROM audit.audit_records r WHERE NOT EXISTS (SELECT 1 FROM audit.audit_leaves l WHERE l.record_id = r.id)"))
            .ShouldBe(0);
        (await ScalarAsync(postgres, "SELECT count(*) - count(DISTINCT record_id) FROM audit.audit_leaves")).ShouldBe(0);
    }

    /// <summary>Clients register patients; the crash happens under them; a second later they stop.</summary>
    private static async Task RegisterUntilAsync(HttpClient client, ConcurrentBag<Guid> acknowledged, Func<Task> crash)
    {
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.PostAsync("/api/v1/patients", NewPatient(), stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token)).RootElement.GetProperty("id").GetGuid());
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    // Cut off by the crash: not acknowledged, so it may or may not have committed.
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        })).ToArray();

        // Crash under steady traffic: once the clients have had some registrations acknowledged (the first ones also
        // warm the service up), wherever the others happen to be.
        var wanted = acknowledged.Count + (Clients * 4);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < wanted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await crash();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(clients);
    }

    private static StringContent NewPatient()
    {
        var unique = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new
        {
            name = new { family = $"Crash{unique[..10]}", given = new[] { $"Durable{unique[10..18]}" } },
            birthDate = $"19{Random.Shared.Next(30, 99)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}",
            gender = "female",
        });
        return new StringContent(body, Encoding.UTF8, "application/json");
    }

    private static async Task<JsonElement> SealedAndVerifiedAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var verification = JsonDocument.Parse(await client.GetStringAsync("/api/v1/audit/verify")).RootElement;
            if (verification.GetProperty("verified").GetBoolean() && verification.GetProperty("tree").GetProperty("unsealedRecords").GetInt64() == 0)
            {
                return verification;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"The log was not sealed and verified within 60 s: {verification}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<long> ScalarAsync(DurablePostgres postgres, string sql, object? ids = null)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
