using System.Data.Common;
using System.Text.Json;
using HealthCore.Modules.Clinical;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using HealthCore.Tests.Modules.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>
/// The whole service on a database of its own: encounters come from real appointments (Scheduling) and admissions
/// (Admissions) through the outbox, and the close gate reads real department rules (Practitioners). Builds on the
/// scheduling test app for its clinic builders (patients, practitioners, departments, schedules, bookings).
/// </summary>
public abstract class ClinicalApp : SchedulingApp
{
    private protected ClinicalApp(DatabaseProvider provider)
        : base(provider)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Tests escalate critical values themselves, at the test clock's time (LabFlow.EscalateAsync).
        builder.UseSetting("Laboratory:CriticalEscalationEnabled", "false");
        builder.ConfigureServices(services => services.AddSingleton(new FormCatalog([.. FormDefinitions.All, .. PinnedForm.Versions])));
    }

    /// <summary>Calls an integration event handler as the outbox would, acting for the tenant, in a scope of its own.</summary>
    internal async Task DeliverAsync<TEvent, THandler>(Guid tenantId, TEvent integrationEvent)
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenantId, null);
        await scope.ServiceProvider.GetRequiredService<THandler>()
            .HandleAsync(integrationEvent, new IntegrationEventContext(Guid.NewGuid(), tenantId, Now, 2), CancellationToken.None);
    }

    /// <summary>The event types in a module's outbox (the clinical one unless named) whose payload mentions <paramref name="id"/>, oldest first, with their payloads.</summary>
    internal async Task<List<(string Type, JsonElement Payload)>> OutboxAsync(Guid id, string schema = "clinical")
    {
        var postgres = Provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT type, payload FROM {(postgres ? $"{schema}." : "")}{schema}_outbox WHERE payload LIKE @id ORDER BY occurred_at, id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = $"%{id}%";
        command.Parameters.Add(parameter);
        var events = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetString(0)[(reader.GetString(0).LastIndexOf('.') + 1)..], JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        return events;
    }
}

public sealed class ClinicalPostgresApp() : ClinicalApp(DatabaseProvider.Postgres);

public sealed class ClinicalSqliteApp() : ClinicalApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class ClinicalPostgresCollection : ICollectionFixture<ClinicalPostgresApp>
{
    public const string Name = "Clinical on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class ClinicalSqliteCollection : ICollectionFixture<ClinicalSqliteApp>
{
    public const string Name = "Clinical on SQLite";
}
