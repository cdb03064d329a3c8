using System.Text.Json.Nodes;

namespace HealthCore.Tests.Modules.Patients;

/// <summary>The role matrix of docs/permissions.md as it applies to patient records, and tenant isolation of every endpoint.</summary>
public abstract class PatientAccessTests(PatientsApp app)
{
    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Doctor")]
    public async Task Allergies_and_conditions_sent_to_the_patient_record_answer_400_pointing_to_their_endpoints_and_change_nothing(string role)
    {
        var tenant = Guid.CreateVersion7();
        var client = app.Client(tenant, role);
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant), PatientData.New());

        var allergies = await PatientsApp.PatchAsync(client, patient.Id(), new { allergies = new[] { new { substance = "Latex" } } }, "\"0\"");
        var conditions = await PatientsApp.PatchAsync(client, patient.Id(), new { conditions = new[] { new { code = "I10" } }, weightKg = 80 }, "\"0\"");
        var registerWithAllergy = await client.PostAsJsonAsync(
            "/api/v1/patients", PatientData.New("Other", "Person", "1999-01-01").With("allergies", new JsonArray(new JsonObject { ["substance"] = "Latex" })));

        (await ProblemAssertions.ShouldBeProblemAsync(allergies, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("allergies")[0].GetString()!
            .ShouldContain("/api/v1/patients/{id}/allergies");
        (await ProblemAssertions.ShouldBeProblemAsync(conditions, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("conditions")[0].GetString()!
            .ShouldContain("/api/v1/patients/{id}/problems");
        (await ProblemAssertions.ShouldBeProblemAsync(registerWithAllergy, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("allergies", out _).ShouldBeTrue();
        var (body, etag) = await PatientsApp.GetAsync(app.Client(tenant, "Doctor"), patient.Id());
        etag.ShouldBe("\"0\"");
        body["allergies"]!.AsArray().ShouldBeEmpty();
        body.ContainsKey("weightKg").ShouldBeFalse();
        (await PatientsApp.SearchAsync(client, "family=other")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Doctor")]
    [InlineData("Nurse")]
    public async Task The_patient_record_summarises_the_allergies_and_problems_doctors_and_nurses_record(string role)
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant, "Receptionist"), PatientData.New());
        var clinician = app.Client(tenant, role);

        var allergy = await clinician.PostAsJsonAsync($"/api/v1/patients/{patient.Id()}/allergies", new
        {
            substance = new { system = "http://www.nlm.nih.gov/research/umls/rxnorm", code = "7980", display = "Penicillin G" },
            criticality = "high",
            reactions = new[] { new { manifestation = new { display = "Hives" }, severity = "moderate" } },
        });
        var problem = await clinician.PostAsJsonAsync($"/api/v1/patients/{patient.Id()}/problems", new { code = new { code = "J45.909" }, onsetAt = "2001-06-01T00:00:00Z" });

        allergy.StatusCode.ShouldBe(HttpStatusCode.Created, await allergy.Content.ReadAsStringAsync());
        problem.StatusCode.ShouldBe(HttpStatusCode.Created, await problem.Content.ReadAsStringAsync());
        var (body, _) = await PatientsApp.GetAsync(clinician, patient.Id());
        body["allergies"]![0]!["substance"]!.GetValue<string>().ShouldBe("Penicillin G");
        body["allergies"]![0]!["criticality"]!.GetValue<string>().ShouldBe("high");
        body["allergies"]![0]!["severity"]!.GetValue<string>().ShouldBe("moderate");
        body["allergies"]![0]!["reactions"]![0]!.GetValue<string>().ShouldBe("Hives");
        body["conditions"]![0]!["code"]!.GetValue<string>().ShouldBe("J45.909");
        body["conditions"]![0]!["display"]!.GetValue<string>().ShouldBe("Unspecified asthma, uncomplicated");
    }

    [Fact]
    public async Task A_nurse_may_not_change_demographics()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant), PatientData.New());

        var response = await PatientsApp.PatchAsync(app.Client(tenant, "Nurse"), patient.Id(), new { name = new { family = "Changed" } }, "\"0\"");
        var register = await app.Client(tenant, "Nurse").PostAsJsonAsync("/api/v1/patients", PatientData.New("Nurse", "Made"));

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(register, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Billing_reads_demographics_without_any_clinical_field_and_cannot_register()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant, "Doctor"), PatientData.New().With("weightKg", 70).With("heightCm", 170));
        (await app.Client(tenant, "Doctor").PostAsJsonAsync($"/api/v1/patients/{patient.Id()}/allergies", new { substance = new { display = "Peanuts" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var billing = app.Client(tenant, "Billing");

        var (body, _) = await PatientsApp.GetAsync(billing, patient.Id());
        var register = await billing.PostAsJsonAsync("/api/v1/patients", PatientData.New("Billing", "Made"));
        var history = await billing.GetFromJsonAsync<JsonObject>($"/api/v1/patients/{patient.Id()}/history");

        body["name"]!["family"]!.GetValue<string>().ShouldBe("Okafor");
        foreach (var clinical in new[] { "allergies", "conditions", "pastSurgeries", "currentMedications", "heightCm", "weightKg", "bmi" })
        {
            body.ContainsKey(clinical).ShouldBeFalse(clinical);
        }

        await ProblemAssertions.ShouldBeProblemAsync(register, HttpStatusCode.Forbidden);
        history!.ToJsonString().ShouldNotContain("Peanuts");
    }

    [Fact]
    public async Task Roles_without_patient_permissions_are_refused_every_endpoint()
    {
        var tenant = Guid.CreateVersion7();
        var patient = await PatientsApp.RegisterAsync(app.Client(tenant), PatientData.New());
        var auditor = app.Client(tenant, "Auditor");
        var labTechnician = app.Client(tenant, "LabTechnician");

        await ProblemAssertions.ShouldBeProblemAsync(await auditor.GetAsync($"/api/v1/patients/{patient.Id()}"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await auditor.GetAsync("/api/v1/patients?family=okafor"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await auditor.PostAsJsonAsync("/api/v1/patients/match", PatientData.New()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await auditor.GetAsync($"/api/v1/patients/{patient.Id()}/history"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await labTechnician.DeleteAsync($"/api/v1/patients/{patient.Id()}?reason=x"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(
            await PatientsApp.PatchAsync(labTechnician, patient.Id(), new { preferredLanguage = "de" }, "\"0\""), HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync($"/api/v1/patients/{patient.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenant_gets_404_from_every_endpoint_and_changes_nothing()
    {
        var owner = app.Client(Guid.CreateVersion7());
        var patient = await PatientsApp.RegisterAsync(owner, PatientData.New("Isolated", "Iris", "1977-07-07").WithSsn("987-65-4321").WithPhone("+15550001111"));
        var intruder = app.Client(Guid.CreateVersion7());
        var id = patient.Id();

        await ProblemAssertions.ShouldBeProblemAsync(await intruder.GetAsync($"/api/v1/patients/{id}"), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await PatientsApp.PatchAsync(intruder, id, new { preferredLanguage = "de" }, "*"), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await intruder.DeleteAsync($"/api/v1/patients/{id}?reason=takeover"), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await intruder.GetAsync($"/api/v1/patients/{id}/history"), HttpStatusCode.NotFound);
        (await PatientsApp.SearchAsync(intruder, "family=isolated")).ShouldBeEmpty();
        (await PatientsApp.SearchAsync(intruder, $"identifier={PatientData.Ssn}|987-65-4321")).ShouldBeEmpty();
        (await PatientsApp.SearchAsync(intruder, "phone=%2B15550001111")).ShouldBeEmpty();
        (await PatientsApp.SearchAsync(intruder, $"mrn={patient["mrn"]}")).ShouldBeEmpty();
        var match = await intruder.PostAsJsonAsync("/api/v1/patients/match", PatientData.New("Isolated", "Iris", "1977-07-07").WithSsn("987-65-4321"));
        (await match.Content.ReadFromJsonAsync<JsonObject>())!["candidates"]!.AsArray().ShouldBeEmpty();
        (await intruder.PostAsJsonAsync("/api/v1/patients", PatientData.New("Isolated", "Iris", "1977-07-07").WithSsn("987-65-4321")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var (body, etag) = await PatientsApp.GetAsync(owner, id);
        etag.ShouldBe("\"0\"");
        body["active"]!.GetValue<bool>().ShouldBeTrue();
    }
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class PatientAccessTests_on_Postgres(PatientsPostgresApp app) : PatientAccessTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class PatientAccessTests_on_Sqlite(PatientsSqliteApp app) : PatientAccessTests(app);
