using System.Text.Json.Nodes;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Patients;

public abstract class PatientRecordTests(PatientsApp app)
{
    [Fact]
    public async Task Registering_a_patient_issues_the_next_MRN_of_the_tenant_and_answers_201_with_location_and_ETag()
    {
        var client = app.Client(Guid.CreateVersion7());

        var response = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New().WithPhone("+14155550123"));
        var second = await PatientsApp.RegisterAsync(client, PatientData.New("Barros", "Caio", "1990-01-02", "male"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var first = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        first["mrn"]!.GetValue<string>().ShouldBe("MRN-000001");
        second["mrn"]!.GetValue<string>().ShouldBe("MRN-000002");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/patients/{first.Id()}");
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        first["name"]!["family"]!.GetValue<string>().ShouldBe("Okafor");
        first["active"]!.GetValue<bool>().ShouldBeTrue();
        first["telecom"]![0]!["value"]!.GetValue<string>().ShouldBe("+14155550123");
    }

    [Fact]
    public async Task A_registration_retried_with_the_same_idempotency_key_is_replayed_not_registered_twice()
    {
        var client = app.Client(Guid.CreateVersion7());
        var key = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(client, key);
        var retry = await SendWithKeyAsync(client, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await PatientsApp.SearchAsync(client, "")).Count.ShouldBe(1);

        static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patients") { Content = JsonContent.Create(PatientData.New("Retry")) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Fact]
    public async Task The_MRN_follows_the_format_in_the_tenants_settings()
    {
        var client = app.Client(Guid.CreateVersion7());
        var config = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/config")
        {
            Content = new StringContent("{\"mrnFormat\":\"HC/{seq:0000}/N\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        config.Headers.TryAddWithoutValidation("If-Match", "*");
        var configured = await client.SendAsync(config);
        configured.StatusCode.ShouldBe(HttpStatusCode.OK, await configured.Content.ReadAsStringAsync());

        var patient = await PatientsApp.RegisterAsync(client, PatientData.New("Formatted"));

        patient["mrn"]!.GetValue<string>().ShouldBe("HC/0001/N");
        (await PatientsApp.SearchAsync(client, "mrn=HC%2F0001%2FN")).Single()!["id"]!.GetValue<string>().ShouldBe(patient.Id());
    }

    [Fact]
    public async Task The_primary_practitioner_must_be_a_practitioner_of_the_tenant()
    {
        var client = app.Client(Guid.CreateVersion7());
        var practitioner = await client.PostAsJsonAsync("/api/v1/practitioners", HealthCore.Tests.Modules.Practitioners.PractitionersApi.Practitioner("House"));
        practitioner.StatusCode.ShouldBe(HttpStatusCode.Created, await practitioner.Content.ReadAsStringAsync());
        var practitionerId = (await practitioner.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var otherTenants = await app.Client(Guid.CreateVersion7()).PostAsJsonAsync(
            "/api/v1/practitioners", HealthCore.Tests.Modules.Practitioners.PractitionersApi.Practitioner("Wilson"));
        var otherTenantsId = (await otherTenants.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var registered = await PatientsApp.RegisterAsync(client, PatientData.New().With("primaryPractitionerId", practitionerId));
        var unknown = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New("Other", "One", "1990-01-01").With("primaryPractitionerId", Guid.CreateVersion7().ToString()));
        var foreign = await PatientsApp.PatchAsync(client, registered.Id(), new { primaryPractitionerId = otherTenantsId }, "\"0\"");

        registered["primaryPractitionerId"]!.GetValue<string>().ShouldBe(practitionerId);
        (await ProblemAssertions.ShouldBeProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("primaryPractitionerId", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(foreign, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("primaryPractitionerId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task MRNs_stay_unique_under_parallel_registrations()
    {
        var count = app.IsPostgres ? 50 : 10;
        var client = app.Client(Guid.CreateVersion7());

        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            client.PostAsJsonAsync("/api/v1/patients", PatientData.New($"Parallel{(char)('a' + (i % 26))}{i}", $"Given{i}", $"19{10 + i:00}-03-04"))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var mrns = new List<string>();
        foreach (var response in responses)
        {
            mrns.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["mrn"]!.GetValue<string>());
        }

        mrns.Distinct().Count().ShouldBe(count);
        mrns.Order().ShouldBe([.. Enumerable.Range(1, count).Select(n => $"MRN-{n:000000}")]);
    }

    [Fact]
    public async Task MRN_sequences_are_per_tenant_and_never_reused_after_a_deactivation()
    {
        var tenantA = app.Client(Guid.CreateVersion7());
        var tenantB = app.Client(Guid.CreateVersion7());
        var a1 = await PatientsApp.RegisterAsync(tenantA, PatientData.New("Alpha"));
        (await tenantA.DeleteAsync($"/api/v1/patients/{a1.Id()}?reason=registered+in+error")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var a2 = await PatientsApp.RegisterAsync(tenantA, PatientData.New("Beta", "Bea", "1970-02-02"));
        var b1 = await PatientsApp.RegisterAsync(tenantB, PatientData.New("Gamma"));

        a2["mrn"]!.GetValue<string>().ShouldBe("MRN-000002");
        b1["mrn"]!.GetValue<string>().ShouldBe("MRN-000001");
    }

    [Fact]
    public async Task An_update_without_If_Match_answers_428_and_one_with_a_stale_ETag_412_and_neither_changes_the_patient()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        var updated = await PatientsApp.PatchAsync(client, patient.Id(), new { preferredLanguage = "pt-BR" }, "\"0\"");
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());

        var missing = await PatientsApp.PatchAsync(client, patient.Id(), new { preferredLanguage = "fr" }, ifMatch: null);
        var stale = await PatientsApp.PatchAsync(client, patient.Id(), new { preferredLanguage = "fr" }, "\"0\"");

        await ProblemAssertions.ShouldBeProblemAsync(missing, HttpStatusCode.PreconditionRequired);
        await ProblemAssertions.ShouldBeProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var (current, etag) = await PatientsApp.GetAsync(client, patient.Id());
        current["preferredLanguage"]!.GetValue<string>().ShouldBe("pt-BR");
        etag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task A_merge_patch_changes_only_the_fields_it_names_replaces_lists_and_removes_fields_set_to_null()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New().WithPhone("+14155550123").With("preferredLanguage", "en"));

        var response = await PatientsApp.PatchAsync(client, patient.Id(), new
        {
            name = new { given = new[] { "Adaeze", "Ngozi" } },
            preferredLanguage = (string?)null,
            telecom = new[] { new { system = "email", value = "ada@example.org" } },
        }, "\"0\"", contentType: "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var (body, etag) = await PatientsApp.GetAsync(client, patient.Id());
        body["name"]!["family"]!.GetValue<string>().ShouldBe("Okafor");
        body["name"]!["given"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["Adaeze", "Ngozi"]);
        body["preferredLanguage"].ShouldBeNull();
        body["telecom"]!.AsArray().Single()!["value"]!.GetValue<string>().ShouldBe("ada@example.org");
        body["birthDate"]!.GetValue<string>().ShouldBe("1980-05-17");
        body["mrn"]!.GetValue<string>().ShouldBe(patient["mrn"]!.GetValue<string>());
        etag.ShouldBe("\"1\"");
        (await PatientsApp.SearchAsync(client, "phone=%2B14155550123")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"name\":{\"family\":\"\"}}", "name.family")]
    [InlineData("{\"name\":null}", "name")]
    [InlineData("{\"gender\":\"robot\"}", "gender")]
    [InlineData("{\"birthDate\":\"not-a-date\"}", "birthDate")]
    [InlineData("{\"mrn\":\"MRN-999999\"}", "mrn")]
    [InlineData("{\"confirmNotDuplicate\":true}", "confirmNotDuplicate")]
    [InlineData("[1,2]", "$")]
    [InlineData("{\"telecom\":[{\"system\":\"phone\",\"value\":\"555-1234\"}]}", "telecom[0].value")]
    public async Task A_patch_that_would_leave_an_invalid_record_answers_400_naming_the_field(string patch, string field)
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/patients/{patient.Id()}")
        {
            Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await PatientsApp.GetAsync(client, patient.Id())).ETag.ShouldBe("\"0\"");
    }

    [Fact]
    public async Task A_patch_naming_a_member_twice_applies_the_last_value_as_a_registration_body_would()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/patients/{patient.Id()}")
        {
            Content = new StringContent("{\"preferredLanguage\":\"fr\",\"preferredLanguage\":\"de\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await PatientsApp.GetAsync(client, patient.Id())).Body["preferredLanguage"]!.GetValue<string>().ShouldBe("de");
    }

    [Fact]
    public async Task A_patch_that_is_not_JSON_answers_415()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());

        var response = await PatientsApp.PatchAsync(client, patient.Id(), new { preferredLanguage = "fr" }, "\"0\"", contentType: "text/plain");

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string, JsonNode?> InvalidRegistrations() => new()
    {
        { "birthDate", "birthDate", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") },
        { "birthDate", "birthDate", DateTime.UtcNow.AddYears(-151).ToString("yyyy-MM-dd") },
        { "gender", "gender", "robot" },
        { "maritalStatus", "maritalStatus", "complicated" },
        { "name", "name.family", new JsonObject { ["family"] = "  " } },
        { "name", "name.family", new JsonObject { ["family"] = new string('x', 101) } },
        { "name", "name.given[1]", new JsonObject { ["family"] = "Ok", ["given"] = new JsonArray("Ada", "") } },
        { "telecom", "telecom[0].value", new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = "0044 20 7946 0958" }) },
        { "telecom", "telecom[1].value", new JsonArray(new JsonObject { ["system"] = "email", ["value"] = "a@b.org" }, new JsonObject { ["system"] = "email", ["value"] = "not-an-email" }) },
        { "telecom", "telecom[0].system", new JsonArray(new JsonObject { ["system"] = "pager", ["value"] = "123" }) },
        { "preferredLanguage", "preferredLanguage", "english please" },
        { "identifiers", "identifiers[0].value", new JsonArray(new JsonObject { ["system"] = "urn:x", ["value"] = new string('9', 101) }) },
        { "deceasedAt", "deceasedAt", DateTimeOffset.UtcNow.AddDays(1).ToString("O") },
        { "emergencyContacts", "emergencyContacts[0].phone", new JsonArray(new JsonObject { ["name"] = "Kin", ["phone"] = "12345" }) },
        { "consents", "consents[0].revokedOn", new JsonArray(new JsonObject { ["scope"] = "research", ["grantedOn"] = "2020-02-02", ["revokedOn"] = "2020-01-01" }) },
        { "telecom", "telecom[1]", new JsonArray(new JsonObject { ["system"] = "email", ["value"] = "a@b.org" }, null) },
        { "allergies", "allergies", new JsonArray(new JsonObject { ["substance"] = "Latex" }) },
        { "conditions", "conditions", new JsonArray(new JsonObject { ["code"] = "I10" }) },
        { "primaryPractitionerId", "primaryPractitionerId", "not-a-guid" },
        { "heightCm", "heightCm", 1000 },
        { "addresses", "addresses[0].country", new JsonArray(new JsonObject { ["city"] = "Lagos", ["country"] = "Nigeria" }) },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task An_invalid_registration_answers_400_naming_the_field(string property, string path, JsonNode? value)
    {
        var client = app.Client(Guid.CreateVersion7());

        var response = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New().With(property, value?.DeepClone()));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(path, out _).ShouldBeTrue(problem.ToString());
        (await PatientsApp.SearchAsync(client, "")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Clinical_fields_are_stored_and_BMI_is_derived()
    {
        var doctor = app.Client(Guid.CreateVersion7(), "Doctor");

        var patient = await PatientsApp.RegisterAsync(doctor, PatientData.New().With("heightCm", 180).With("weightKg", 81));

        patient["bmi"]!.GetValue<decimal>().ShouldBe(25.0m);
        patient["heightCm"]!.GetValue<decimal>().ShouldBe(180m);
        patient["allergies"]!.AsArray().ShouldBeEmpty();
        patient["conditions"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Deactivation_needs_a_reason_and_takes_the_patient_out_of_search_unless_inactive_ones_are_asked_for()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New("Leaving"));

        var withoutReason = await client.DeleteAsync($"/api/v1/patients/{patient.Id()}");
        var deactivated = await client.DeleteAsync($"/api/v1/patients/{patient.Id()}?reason=duplicate+of+MRN-000777");
        var again = await client.DeleteAsync($"/api/v1/patients/{patient.Id()}?reason=again");

        (await ProblemAssertions.ShouldBeProblemAsync(withoutReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        deactivated.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict);
        var (body, _) = await PatientsApp.GetAsync(client, patient.Id());
        body["active"]!.GetValue<bool>().ShouldBeFalse();
        body["deactivationReason"]!.GetValue<string>().ShouldBe("duplicate of MRN-000777");
        (await PatientsApp.SearchAsync(client, "family=leaving")).ShouldBeEmpty();
        (await PatientsApp.SearchAsync(client, "family=leaving&includeInactive=true")).Single()!["id"]!.GetValue<string>().ShouldBe(patient.Id());
    }

    [Fact]
    public async Task History_lists_this_patients_audit_records_newest_first_with_the_stated_reasons_paged()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        var other = await PatientsApp.RegisterAsync(client, PatientData.New("Someone", "Else", "2001-01-01", "male"));
        (await PatientsApp.PatchAsync(client, patient.Id(), new { name = new { family = "Okafor-Eze" } }, "\"0\"", reason: "Married name")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await PatientsApp.GetAsync(client, patient.Id());
        (await client.DeleteAsync($"/api/v1/patients/{patient.Id()}?reason=moved+abroad")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var first = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patient.Id()}/history?limit=2");
        var second = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patient.Id()}/history?limit=2&cursor={first!["nextCursor"]}");

        var entries = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).ToList();
        entries.Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["deactivate", "read", "update", "create"]);
        entries[0]!["reason"]!.GetValue<string>().ShouldBe("moved abroad");
        entries[2]!["reason"]!.GetValue<string>().ShouldBe("Married name");
        var nameChange = entries[2]!["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "name")!;
        nameChange["after"]!["family"]!.GetValue<string>().ShouldBe("Okafor-Eze");
        second["nextCursor"].ShouldBeNull();
        var otherHistory = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{other.Id()}/history");
        otherHistory!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["create"]);
    }

    [Fact]
    public async Task An_oversized_audit_reason_is_rejected_naming_the_header()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());

        var response = await PatientsApp.PatchAsync(client, patient.Id(), new { preferredLanguage = "fr" }, "\"0\"", reason: new string('r', 501));

        (await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("X-Audit-Reason", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_likely_duplicate_answers_409_with_scored_candidates_until_the_clerk_confirms_and_the_confirmation_is_audited()
    {
        var client = app.Client(Guid.CreateVersion7());
        var existing = await PatientsApp.RegisterAsync(client, PatientData.New("Johnson", "Mary", "1975-08-09").WithPhone("+442079460958"));
        var byIdentifier = await PatientsApp.RegisterAsync(client, PatientData.New("Unrelated", "Name", "1960-01-01").WithSsn("123-45-6789"));

        var sameBirthDateTypo = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New("Jonson", "Mary", "1975-08-09"));
        var samePhone = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New("Johnsen", "Mary", "1999-09-09").WithPhone("+442079460958"));
        var sameSsn = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New("Other", "Person", "1961-02-02").WithSsn("123 45 6789"));
        var twin = await client.PostAsJsonAsync("/api/v1/patients", PatientData.New("Johnson", "Peter", "1975-08-09", "male"));

        await ShouldBeDuplicateOfAsync(sameBirthDateTypo, existing.Id(), "birthDate+name");
        await ShouldBeDuplicateOfAsync(samePhone, existing.Id(), "phone+name");
        await ShouldBeDuplicateOfAsync(sameSsn, byIdentifier.Id(), "identifier", score: 1.0);
        twin.StatusCode.ShouldBe(HttpStatusCode.Created, await twin.Content.ReadAsStringAsync());

        var confirmed = await PatientsApp.RegisterAsync(client, PatientData.New("Jonson", "Mary", "1975-08-09").With("confirmNotDuplicate", true));
        var history = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{confirmed.Id()}/history");
        history!["items"]![0]!["reason"]!.GetValue<string>().ShouldContain(existing["mrn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Match_returns_scored_candidates_without_registering_anyone()
    {
        var client = app.Client(Guid.CreateVersion7());
        var existing = await PatientsApp.RegisterAsync(client, PatientData.New("Nakamura", "Yuki", "1988-12-01"));

        var match = await client.PostAsJsonAsync("/api/v1/patients/match", PatientData.New("Nakamura", "Yuki", "1988-12-01"));
        var none = await client.PostAsJsonAsync("/api/v1/patients/match", PatientData.New("Different", "Person", "1950-01-01"));

        match.StatusCode.ShouldBe(HttpStatusCode.OK);
        var candidate = (await match.Content.ReadFromJsonAsync<JsonObject>())!["candidates"]!.AsArray().Single()!;
        candidate["id"]!.GetValue<string>().ShouldBe(existing.Id());
        candidate["score"]!.GetValue<double>().ShouldBe(0.95);
        (await none.Content.ReadFromJsonAsync<JsonObject>())!["candidates"]!.AsArray().ShouldBeEmpty();
        (await PatientsApp.SearchAsync(client, "")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_history_records_enum_values_in_the_APIs_form()
    {
        var client = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        (await PatientsApp.PatchAsync(client, patient.Id(), new { maritalStatus = "married" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var history = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patient.Id()}/history");

        var update = history!["items"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "update")!;
        update["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "maritalStatus")!["after"]!.GetValue<string>().ShouldBe("married");
    }

    [Fact]
    public async Task Registering_updating_and_deactivating_publish_events_through_the_outbox()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.Client(tenant);
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        (await PatientsApp.PatchAsync(client, patient.Id(), new { maritalStatus = "married" }, "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.DeleteAsync($"/api/v1/patients/{patient.Id()}?reason=deceased+elsewhere")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthCore.Modules.Patients.PatientsDb>();
        var messages = await db.Outbox.AsNoTracking().Where(m => m.TenantId == tenant).OrderBy(m => m.OccurredAt).ToListAsync();

        messages.Select(m => m.Type.Split('.')[^1]).ShouldBe(["PatientRegistered", "PatientUpdated", "PatientDeactivated"]);
        messages.ShouldAllBe(m => m.Payload.Contains(patient.Id()));
        messages[1].Payload.ShouldContain("maritalStatus");
    }

    [Fact]
    public async Task The_patient_directory_contract_finds_a_patient_of_the_current_tenant_only()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant), PatientData.New("Directory", "Dana", "1999-12-31")
            .With("name", new JsonObject { ["family"] = "Directory", ["given"] = new JsonArray("Dana"), ["prefix"] = new JsonArray("Dr") }));

        var mine = await FindAsync(tenant, Guid.Parse(patient.Id()));
        var theirs = await FindAsync(Guid.CreateVersion7(), Guid.Parse(patient.Id()));

        mine.ShouldBe(new PatientSummary(Guid.Parse(patient.Id()), "MRN-000001", "Dr Dana Directory", new DateOnly(1999, 12, 31), "female", true, false));
        theirs.ShouldBeNull();

        async Task<PatientSummary?> FindAsync(Guid actingTenant, Guid id)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(actingTenant, null);
            return await scope.ServiceProvider.GetRequiredService<IPatientDirectory>().FindAsync(id, CancellationToken.None);
        }
    }

    private static async Task ShouldBeDuplicateOfAsync(HttpResponseMessage response, string id, string reason, double? score = null)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
        var candidate = problem.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        candidate.GetProperty("reason").GetString().ShouldBe(reason);
        if (score is not null)
        {
            candidate.GetProperty("score").GetDouble().ShouldBe(score.Value);
        }
        else
        {
            candidate.GetProperty("score").GetDouble().ShouldBeInRange(0.5, 0.99);
        }
    }
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class PatientRecordTests_on_Postgres(PatientsPostgresApp app) : PatientRecordTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class PatientRecordTests_on_Sqlite(PatientsSqliteApp app) : PatientRecordTests(app);
