using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HealthCore.Modules.Patients;
using HealthCore.Platform.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthCore.Tests.Modules.Patients;

public abstract class ProtectedIdentifierTests(PatientsApp app)
{
    [Fact]
    public async Task A_national_id_is_stored_encrypted_with_its_key_id_and_no_plaintext_reaches_the_database_or_the_audit_trail()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant, "Receptionist"), PatientData.New("Cipher", "Cy", "1969-06-09").WithSsn("078-05-1120"));
        var id = Guid.Parse(patient.Id());

        var stored = await app.RawColumnAsync("protected_identifiers", id);
        var clear = await app.RawColumnAsync("identifiers", id);
        var keyId = await app.RawColumnAsync("identifier_key_id", id);

        stored.ShouldNotBeNull();
        stored.ShouldNotContain("078-05-1120");
        stored.ShouldNotContain("078051120");
        stored.ShouldContain(TestHost.IdentifierKeyId);
        stored.ShouldContain(PatientData.Ssn);
        clear.ShouldBe("[]");
        keyId.ShouldBe(TestHost.IdentifierKeyId);
        var history = await app.Client(tenant).GetStringAsync($"/api/v1/patients/{id}/history");
        history.ShouldNotContain("078-05-1120");
        history.ShouldNotContain("1120");
    }

    [Fact]
    public async Task The_national_id_is_masked_for_callers_without_the_identifiers_permission_and_whole_for_those_with_it()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant, "Receptionist"), PatientData.New().WithSsn("123-45-6789")
            .With("identifiers", new JsonArray(
                new JsonObject { ["system"] = PatientData.Ssn, ["value"] = "123-45-6789" },
                new JsonObject { ["system"] = "http://hl7.org/fhir/sid/passport-USA", ["value"] = "X12345678" },
                new JsonObject { ["system"] = "urn:insurer:acme", ["value"] = "ACME-1" })));

        var (masked, etag) = await PatientsApp.GetAsync(app.Client(tenant, "Doctor"), patient.Id());
        var (whole, _) = await PatientsApp.GetAsync(app.Client(tenant, "Receptionist"), patient.Id());

        Values(masked).ShouldBe(["*****5678", "***-**-6789", "ACME-1"]);
        Values(whole).ShouldBe(["123-45-6789", "ACME-1", "X12345678"]);

        // A caller who only saw the masks and sends them back unchanged keeps the stored values.
        var doctor = app.Client(tenant, "Doctor");
        var patch = await PatientsApp.PatchAsync(doctor, patient.Id(), new { identifiers = masked["identifiers"] }, etag);
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());
        Values((await PatientsApp.GetAsync(app.Client(tenant, "Receptionist"), patient.Id())).Body).ShouldBe(["123-45-6789", "ACME-1", "X12345678"]);
    }

    [Fact]
    public async Task A_protected_identifier_is_found_through_its_blind_index_whatever_its_formatting()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New("Blind", "Ida").WithSsn("219-09-9999"));

        (await PatientsApp.SearchAsync(client, $"identifier={PatientData.Ssn}|219099999")).Single()!["id"]!.GetValue<string>().ShouldBe(patient.Id());
        (await PatientsApp.SearchAsync(client, $"identifier={PatientData.Ssn}|219-09-9998")).ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_new_key_is_added_old_records_stay_readable_and_the_rotate_command_re_encrypts_them_under_it()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant), PatientData.New("Rotate", "Rita").WithSsn("111-22-3333"));
        var id = Guid.Parse(patient.Id());
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        // The new key first (it encrypts), the old one still listed (it decrypts what was written under it).
        using var rotated = app.WithSettings(
            ("Patients:IdentifierKeys:0:Id", "test-identifiers-2"), ("Patients:IdentifierKeys:0:Key", newKey),
            ("Patients:IdentifierKeys:1:Id", TestHost.IdentifierKeyId), ("Patients:IdentifierKeys:1:Key", TestHost.IdentifierKey));
        var client = HealthCoreApp.Authorize(rotated.CreateClient(), tenant);
        (await PatientsApp.GetAsync(client, patient.Id())).Body["identifiers"]![0]!["value"]!.GetValue<string>().ShouldBe("111-22-3333");

        var command = rotated.Services.GetServices<IServiceCommand>().Single(c => c.Name == "rotate-identifier-keys");
        (await command.RunAsync([], CancellationToken.None)).ShouldBe(0);

        (await app.RawColumnAsync("identifier_key_id", id)).ShouldBe("test-identifiers-2");
        (await app.RawColumnAsync("protected_identifiers", id))!.ShouldNotContain(TestHost.IdentifierKeyId);
        using var newKeyOnly = app.WithSettings(("Patients:IdentifierKeys:0:Id", "test-identifiers-2"), ("Patients:IdentifierKeys:0:Key", newKey));
        var (body, _) = await PatientsApp.GetAsync(HealthCoreApp.Authorize(newKeyOnly.CreateClient(), tenant), patient.Id());
        body["identifiers"]![0]!["value"]!.GetValue<string>().ShouldBe("111-22-3333");
        var history = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{id}/history");
        history!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ShouldContain("rotate-identifier-key");

        // Back under the suite's key, so the shared database stays readable by the other tests' configuration.
        using var back = app.WithSettings(
            ("Patients:IdentifierKeys:0:Id", TestHost.IdentifierKeyId), ("Patients:IdentifierKeys:0:Key", TestHost.IdentifierKey),
            ("Patients:IdentifierKeys:1:Id", "test-identifiers-2"), ("Patients:IdentifierKeys:1:Key", newKey));
        await back.Services.GetServices<IServiceCommand>().Single(c => c.Name == "rotate-identifier-keys").RunAsync([], CancellationToken.None);
        (await app.RawColumnAsync("identifier_key_id", id)).ShouldBe(TestHost.IdentifierKeyId);
    }

    private static List<string> Values(JsonObject patient) =>
        [.. patient["identifiers"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).OrderBy(v => v.TrimStart('*', '-'), StringComparer.Ordinal)];
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class ProtectedIdentifierTests_on_Postgres(PatientsPostgresApp app) : ProtectedIdentifierTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class ProtectedIdentifierTests_on_Sqlite(PatientsSqliteApp app) : ProtectedIdentifierTests(app);

public sealed class IdentifierKeyConfigurationTests
{
    [Fact]
    public void Production_without_identifier_keys_is_a_startup_error_and_elsewhere_a_key_is_generated()
    {
        var empty = new ConfigurationBuilder().Build();

        new PatientsOptions().Problem(Environment(Environments.Production), empty).ShouldNotBeNull().ShouldContain("Patients:IdentifierKeys");
        new PatientsOptions().Problem(Environment(Environments.Development), empty).ShouldBeNull();
        new PatientsOptions { IdentifierKeys = [new IdentifierKeyOptions { Id = "k", Key = Convert.ToBase64String(new byte[16]) }] }
            .Problem(Environment(Environments.Development), empty).ShouldNotBeNull().ShouldContain("32 bytes");
    }

    [Fact]
    public void Masking_keeps_separators_and_the_last_four_characters()
    {
        IdentifierProtector.Mask("123-45-6789").ShouldBe("***-**-6789");
        IdentifierProtector.Mask("X12345678").ShouldBe("*****5678");
        IdentifierProtector.Mask("12").ShouldBe("12");
    }

    private static Microsoft.Extensions.Hosting.Internal.HostingEnvironment Environment(string name) =>
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };
}
