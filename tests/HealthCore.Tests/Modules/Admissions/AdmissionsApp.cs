using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using HealthCore.Modules.Admissions;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace HealthCore.Tests.Modules.Admissions;

/// <summary>
/// The app on a database of its own, with a clock tests can stop and move, and a stand-in for what admissions asks
/// other modules (patients, practitioners, departments, the tenant's time zone), so each test declares the facts it needs.
/// </summary>
public abstract class AdmissionsApp : HealthCoreApp
{
    private protected AdmissionsApp(DatabaseProvider provider)
        : base(provider, "admissions")
    {
    }

    internal TestClock Clock { get; } = new();

    internal DirectoryFacts Directory { get; } = new();

    /// <summary>The integration events in the admissions outbox whose payload mentions <paramref name="id"/>, oldest first: (type name, payload).</summary>
    internal async Task<List<(string Type, JsonElement Payload)>> OutboxAsync(Guid id)
    {
        var postgres = Provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT type, payload FROM {(postgres ? "admissions." : "")}admissions_outbox WHERE payload LIKE @id ORDER BY occurred_at, id";
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new StoredPrecisionClock(Clock)));
            services.AddSingleton(Directory);
            services.Replace(ServiceDescriptor.Scoped<IAdmissionDirectory, FakeAdmissionDirectory>());
        });
    }
}

public sealed class AdmissionsPostgresApp() : AdmissionsApp(DatabaseProvider.Postgres);

public sealed class AdmissionsSqliteApp() : AdmissionsApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class AdmissionsPostgresCollection : ICollectionFixture<AdmissionsPostgresApp>
{
    public const string Name = "Admissions on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class AdmissionsSqliteCollection : ICollectionFixture<AdmissionsSqliteApp>
{
    public const string Name = "Admissions on SQLite";
}

/// <summary>What the fake directory knows, per tenant: patients, practitioners, departments, facilities (active, own zone) and the time zone.</summary>
internal sealed class DirectoryFacts
{
    public ConcurrentDictionary<(Guid Tenant, Guid Id), PatientFacts> Patients { get; } = new();

    public ConcurrentDictionary<(Guid Tenant, Guid Id), bool> Practitioners { get; } = new();

    public ConcurrentDictionary<(Guid Tenant, Guid Id), bool> Departments { get; } = new();

    public ConcurrentDictionary<(Guid Tenant, Guid Id), Guid> DepartmentFacilities { get; } = new();

    public ConcurrentDictionary<(Guid Tenant, Guid Id), (bool Active, TimeZoneInfo? TimeZone)> Facilities { get; } = new();

    public ConcurrentDictionary<Guid, TimeZoneInfo> TimeZones { get; } = new();
}

internal sealed class FakeAdmissionDirectory(DirectoryFacts facts, ICurrentTenant tenant) : IAdmissionDirectory
{
    private Guid Tenant => tenant.TenantId ?? Guid.Empty;

    public Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        Task.FromResult(facts.Patients.GetValueOrDefault((Tenant, patientId)));

    public Task<bool> IsActivePractitionerAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        Task.FromResult(facts.Practitioners.ContainsKey((Tenant, practitionerId)));

    public Task<bool> IsActiveDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        Task.FromResult(facts.Departments.ContainsKey((Tenant, departmentId)));

    public Task<Guid?> FacilityOfDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        Task.FromResult(facts.DepartmentFacilities.TryGetValue((Tenant, departmentId), out var facility) ? facility : (Guid?)null);

    public Task<FacilityFacts?> FindFacilityAsync(Guid facilityId, CancellationToken cancellationToken) =>
        Task.FromResult(facts.Facilities.TryGetValue((Tenant, facilityId), out var facility)
            ? new FacilityFacts(facilityId, facility.Active, facility.TimeZone ?? TenantZone)
            : null);

    public async Task<TimeZoneInfo> TimeZoneAsync(Guid? facilityId, CancellationToken cancellationToken) =>
        facilityId is { } id && await FindFacilityAsync(id, cancellationToken) is { } facility ? facility.TimeZone : TenantZone;

    private TimeZoneInfo TenantZone => facts.TimeZones.GetValueOrDefault(Tenant) ?? TimeZoneInfo.Utc;
}
