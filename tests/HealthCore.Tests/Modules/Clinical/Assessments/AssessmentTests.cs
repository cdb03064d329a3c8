using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Structured assessments over HTTP: forms, validation against the version answered, corrections, entries in error and access.</summary>
public abstract class AssessmentTests(ClinicalApp app)
{
    private const string Nursing = "nursing.admission";
    private const string Radiology = "radiology.preprocedure";

    [Fact]
    public async Task An_admission_nursing_assessment_round_trips_with_its_braden_morse_and_must_scores()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var answers = Assessments.Admission();

        var recorded = await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, answers);
        var read = await Assessments.GetAsync(visits.Doctor, recorded.Id());

        read.GetRawText().ShouldBe(recorded.GetRawText());
        JsonNode.DeepEquals(JsonNode.Parse(read.GetProperty("answers").GetRawText()), answers).ShouldBeTrue(read.GetProperty("answers").GetRawText());
        read.GetProperty("formKey").GetString().ShouldBe(Nursing);
        read.GetProperty("formVersion").GetInt32().ShouldBe(1);
        read.Status().ShouldBe("completed");
        read.GetProperty("encounterId").GetGuid().ShouldBe(encounter);
        read.GetProperty("authorId").GetGuid().ShouldBe(visits.NurseUser);
        read.GetProperty("authoredAt").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromSeconds(1));
        read.Score("morse").ShouldBe((40, "moderate"));
        read.Score("braden").ShouldBe((12, "high"));
        read.Score("must").ShouldBe((3, "high"));
    }

    [Fact]
    public async Task A_radiology_preprocedure_assessment_by_a_doctor_round_trips_with_its_answers_as_given()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var answers = Assessments.Radiology();
        var authoredAt = app.Now.AddHours(-1);

        var recorded = await Json.ReadAsync(
            await visits.Doctor.PostAsJsonAsync($"/api/v1/encounters/{encounter}/assessments", new { formKey = Radiology, answers, authoredAt }), HttpStatusCode.Created);
        var listed = (await Assessments.ListAsync(visits.Nurse, $"/api/v1/encounters/{encounter}/assessments")).Single();

        listed.GetRawText().ShouldBe(recorded.GetRawText());
        JsonNode.DeepEquals(JsonNode.Parse(listed.GetProperty("answers").GetRawText()), answers).ShouldBeTrue(listed.GetProperty("answers").GetRawText());
        listed.GetProperty("answers").GetProperty("egfr").GetDecimal().ShouldBe(52.5m);
        listed.GetProperty("authoredAt").GetDateTimeOffset().ShouldBe(authoredAt, TimeSpan.FromMilliseconds(1));
        listed.GetProperty("scores").GetArrayLength().ShouldBe(0);
        listed.GetProperty("authorId").GetGuid().ShouldBe(visits.DoctorUser);
    }

    [Fact]
    public async Task The_forms_are_listed_and_a_definition_gives_types_requirements_choices_ranges_and_units()
    {
        var visits = await Visits.OpenAsync(app);

        var forms = await Assessments.ListAsync(visits.Nurse, "/api/v1/assessment-forms");
        var radiology = await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/assessment-forms/{Radiology}/versions/1"), HttpStatusCode.OK);
        var nursing = await Json.ReadAsync(await visits.Nurse.GetAsync($"/api/v1/assessment-forms/{Nursing}/versions/1"), HttpStatusCode.OK);
        var missing = await ProblemAssertions.ShouldBeProblemAsync(await visits.Nurse.GetAsync($"/api/v1/assessment-forms/{Nursing}/versions/9"), HttpStatusCode.NotFound);

        forms.Select(f => (f.GetProperty("key").GetString(), f.GetProperty("version").GetInt32(), f.GetProperty("current").GetBoolean()))
            .ShouldBe([(Nursing, 1, true), (Radiology, 1, true), (PinnedForm.Key, 1, false), (PinnedForm.Key, 2, true)], ignoreOrder: true);
        forms.Single(f => f.GetProperty("key").GetString() == Nursing).GetProperty("title").GetString().ShouldBe("Admission nursing assessment");
        var egfr = Item(radiology, "egfr");
        egfr.GetProperty("type").GetString().ShouldBe("decimal");
        egfr.GetProperty("required").GetBoolean().ShouldBeFalse();
        egfr.GetProperty("minValue").GetDecimal().ShouldBe(0m);
        egfr.GetProperty("maxValue").GetDecimal().ShouldBe(200m);
        egfr.GetProperty("unit").GetString().ShouldBe("mL/min/{1.73_m2}");
        Item(radiology, "contrastReaction").GetProperty("requiredWhenTrue").GetString().ShouldBe("contrastAllergy");
        var implants = Item(radiology, "implants");
        implants.GetProperty("repeats").GetBoolean().ShouldBeTrue();
        implants.GetProperty("answerOptions").EnumerateArray().First().GetProperty("exclusive").GetBoolean().ShouldBeTrue();
        var gait = Item(nursing, "gait");
        gait.GetProperty("required").GetBoolean().ShouldBeTrue();
        gait.GetProperty("answerOptions").EnumerateArray().Select(o => (o.GetProperty("code").GetString(), o.GetProperty("score").GetInt32()))
            .ShouldBe([("normal", 0), ("weak", 10), ("impaired", 20)]);
        nursing.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ShouldBe(["morse", "braden", "must"]);
        missing.GetProperty("detail").GetString()!.ShouldContain("version 9");
    }

    [Fact]
    public async Task Invalid_answers_answer_400_naming_each_field_under_answers_and_record_nothing()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var nursing = Assessments.Admission().With("gait", "shuffling").With("mobility", 7).With("pain", 3);
        nursing.Remove("moisture");
        var radiology = Assessments.Radiology().With("contrastReaction", null).With("implants", new JsonArray("none", "pacemaker", "magnet"));

        var nursingProblem = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, Nursing, nursing), HttpStatusCode.BadRequest);
        var radiologyProblem = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, Radiology, radiology), HttpStatusCode.BadRequest);
        var notAnObject = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/assessments", new { formKey = Nursing, answers = new[] { 1 } }), HttpStatusCode.BadRequest);
        var future = await ProblemAssertions.ShouldBeProblemAsync(
            await visits.Nurse.PostAsJsonAsync($"/api/v1/encounters/{encounter}/assessments", new { formKey = Nursing, answers = Assessments.Admission(), authoredAt = app.Now.AddHours(1) }),
            HttpStatusCode.BadRequest);

        nursingProblem.ErrorFields().ShouldBe(["answers.gait", "answers.mobility", "answers.moisture", "answers.pain"]);
        nursingProblem.Error("answers.gait").ShouldBe("'shuffling' is not allowed; use one of: normal, weak, impaired.");
        nursingProblem.Error("answers.mobility").ShouldBe("Must be between 1 and 4.");
        nursingProblem.Error("answers.moisture").ShouldBe("Required.");
        radiologyProblem.ErrorFields().ShouldBe(["answers.contrastReaction", "answers.implants", "answers.implants[2]"]);
        radiologyProblem.Error("answers.contrastReaction").ShouldBe("Required when contrastAllergy is true.");
        notAnObject.ErrorFields().ShouldBe(["answers"]);
        future.ErrorFields().ShouldBe(["authoredAt"]);
        (await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/assessments")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_form_or_version_answers_400_naming_formKey_or_formVersion()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");

        var form = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, "nursing.discharge", Assessments.Admission()), HttpStatusCode.BadRequest);
        var version = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, Nursing, Assessments.Admission(), 2), HttpStatusCode.BadRequest);
        var filter = await ProblemAssertions.ShouldBeProblemAsync(await visits.Nurse.GetAsync($"/api/v1/encounters/{encounter}/assessments?formKey=nursing.discharge"), HttpStatusCode.BadRequest);

        form.ErrorFields().ShouldBe(["formKey"]);
        form.Error("formKey").ShouldContain(Nursing);
        version.ErrorFields().ShouldBe(["formVersion"]);
        version.Error("formVersion").ShouldBe("Form nursing.admission has no version 2; use one of: 1.");
        filter.ErrorFields().ShouldBe(["formKey"]);
    }

    [Fact]
    public async Task Answers_are_validated_against_the_version_they_are_made_with_and_a_correction_keeps_that_version()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var version1 = new JsonObject { ["score"] = 3 };

        var pinned = await Assessments.RecordAsync(visits.Nurse, encounter, PinnedForm.Key, version1, formVersion: 1);
        var current = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, PinnedForm.Key, version1), HttpStatusCode.BadRequest);
        var tooHighFor1 = await ProblemAssertions.ShouldBeProblemAsync(
            await Assessments.PostAsync(visits.Nurse, encounter, PinnedForm.Key, new JsonObject { ["score"] = 5 }, formVersion: 1), HttpStatusCode.BadRequest);
        var made2 = await Assessments.RecordAsync(visits.Nurse, encounter, PinnedForm.Key, new JsonObject { ["score"] = 5, ["reason"] = "Worse" });
        var reasonIn1 = await ProblemAssertions.ShouldBeProblemAsync(
            await Assessments.CorrectAsync(visits.Nurse, pinned.Id(), new JsonObject { ["score"] = 2, ["reason"] = "Better" }), HttpStatusCode.BadRequest);
        var corrected = await Json.ReadAsync(await Assessments.CorrectAsync(visits.Nurse, pinned.Id(), new JsonObject { ["score"] = 2 }), HttpStatusCode.Created);

        pinned.GetProperty("formVersion").GetInt32().ShouldBe(1);
        current.ErrorFields().ShouldBe(["answers.reason"]);
        tooHighFor1.Error("answers.score").ShouldBe("Must be between 0 and 3.");
        made2.GetProperty("formVersion").GetInt32().ShouldBe(2);
        reasonIn1.Error("answers.reason").ShouldStartWith("Unknown field; form test.pinned version 1");
        corrected.GetProperty("formVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_correction_supersedes_the_original_and_the_whole_chain_stays_readable()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var original = await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission(), formVersion: 1);

        (await visits.Nurse.SendAsync(Assessments.WithStaleIfMatch($"/api/v1/assessments/{original.Id()}/correct", new { answers = Assessments.Admission() })))
            .StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var first = await Json.ReadAsync(await Assessments.CorrectAsync(visits.Nurse, original.Id(), Assessments.Admission().With("mobility", 4)), HttpStatusCode.Created);
        var second = await Json.ReadAsync(await Assessments.CorrectAsync(visits.Doctor, first.Id(), Assessments.Admission().With("mobility", 3)), HttpStatusCode.Created);
        var again = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.CorrectAsync(visits.Nurse, original.Id(), Assessments.Admission()), HttpStatusCode.Conflict);
        var superseded = await Assessments.GetAsync(visits.Doctor, original.Id());

        first.GetProperty("replaces").GetGuid().ShouldBe(original.Id());
        first.Score("braden").ShouldBe((14, "moderate"));
        first.GetProperty("authoredAt").GetDateTimeOffset().ShouldBe(original.GetProperty("authoredAt").GetDateTimeOffset());
        second.GetProperty("replaces").GetGuid().ShouldBe(first.Id());
        second.Score("braden").ShouldBe((13, "moderate"));
        superseded.Status().ShouldBe("superseded");
        superseded.GetProperty("supersededBy").GetGuid().ShouldBe(first.Id());
        superseded.GetProperty("answers").GetProperty("mobility").GetInt32().ShouldBe(2);
        superseded.Score("braden").ShouldBe((12, "high"));
        (await Assessments.GetAsync(visits.Doctor, first.Id())).GetProperty("supersededBy").GetGuid().ShouldBe(second.Id());
        again.GetProperty("currentStatus").GetString().ShouldBe("superseded");
        again.GetProperty("supersededBy").GetGuid().ShouldBe(first.Id());
        (await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/assessments")).Select(a => (a.Id(), a.Status()))
            .ShouldBe([(original.Id(), "superseded"), (first.Id(), "superseded"), (second.Id(), "completed")]);
    }

    [Fact]
    public async Task Eight_concurrent_corrections_of_one_assessment_make_exactly_one()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var original = await Assessments.RecordAsync(visits.Nurse, encounter, Radiology, Assessments.Radiology());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Assessments.CorrectAsync(visits.Nurse, original.Id(), Assessments.Radiology().With("egfr", 40 + i))));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 7)]);
        var winner = await Json.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created);
        var all = await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/assessments");
        all.Select(a => a.Id()).ShouldBe([original.Id(), winner.Id()]);
        (await Assessments.GetAsync(visits.Doctor, original.Id())).GetProperty("supersededBy").GetGuid().ShouldBe(winner.Id());
    }

    [Fact]
    public async Task An_assessment_entered_in_error_keeps_its_answers_stays_readable_and_takes_no_correction()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var mistaken = await Assessments.RecordAsync(visits.Nurse, encounter, Radiology, Assessments.Radiology());
        var url = $"/api/v1/assessments/{mistaken.Id()}/entered-in-error";

        (await visits.Nurse.SendAsync(Assessments.WithStaleIfMatch(url, new { reason = "Wrong patient" }))).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var struck = await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync(url, new { reason = "Charted on the wrong patient" }), HttpStatusCode.OK);
        var again = await visits.Nurse.PostAsJsonAsync(url, new { reason = "again" });
        var correction = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.CorrectAsync(visits.Nurse, mistaken.Id(), Assessments.Radiology()), HttpStatusCode.Conflict);
        var noReason = await visits.Nurse.PostAsJsonAsync(url, new { reason = "" });

        struck.Status().ShouldBe("enteredInError");
        struck.GetProperty("enteredInError").GetProperty("reason").GetString().ShouldBe("Charted on the wrong patient");
        struck.GetProperty("enteredInError").GetProperty("actorId").GetGuid().ShouldBe(visits.NurseUser);
        struck.GetProperty("answers").GetRawText().ShouldBe(mistaken.GetProperty("answers").GetRawText());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        correction.GetProperty("currentStatus").GetString().ShouldBe("enteredInError");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Assessments.GetAsync(visits.Doctor, mistaken.Id())).Status().ShouldBe("enteredInError");
        (await Assessments.ListAsync(visits.Doctor, $"/api/v1/patients/{patient}/assessments")).Select(a => a.Status()).ShouldBe(["enteredInError"]);
        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={mistaken.Id()}"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ShouldContain("entered-in-error");
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("enteredInError")]
    public async Task A_void_encounter_takes_no_assessment_answering_409(string status)
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync(status);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await Assessments.PostAsync(visits.Nurse, encounter, Nursing, Assessments.Admission()), HttpStatusCode.Conflict);

        problem.GetProperty("currentStatus").GetString().ShouldBe(status);
        (await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/assessments")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Lists_are_in_recording_order_paged_and_filtered_by_form()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var first = (await visits.CreatedAsync(new { patientId = patient, status = "arrived" })).Id();
        var second = (await visits.CreatedAsync(new { patientId = patient, status = "arrived" })).Id();
        var ids = new List<Guid>
        {
            (await Assessments.RecordAsync(visits.Nurse, first, Nursing, Assessments.Admission())).Id(),
            (await Assessments.RecordAsync(visits.Nurse, first, Radiology, Assessments.Radiology())).Id(),
            (await Assessments.RecordAsync(visits.Nurse, second, Nursing, Assessments.Admission())).Id(),
        };
        var url = $"/api/v1/patients/{patient}/assessments";

        var page = await Json.ReadAsync(await visits.Doctor.GetAsync($"{url}?limit=2"), HttpStatusCode.OK);
        var rest = await Json.ReadAsync(await visits.Doctor.GetAsync($"{url}?limit=2&cursor={page.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);
        var nursing = await Assessments.ListAsync(visits.Doctor, $"{url}?formKey={Nursing}");
        var inFirst = await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{first}/assessments?formKey={Radiology}");

        page.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).Select(a => a.Id()).ShouldBe(ids);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        nursing.Select(a => a.Id()).ShouldBe([ids[0], ids[2]]);
        inFirst.Select(a => a.Id()).ShouldBe([ids[1]]);
    }

    [Fact]
    public async Task The_nursing_admission_close_requirement_is_met_by_one_not_entered_in_error()
    {
        var visits = await Visits.OpenAsync(app);
        await visits.RuleAsync("encounter.close.requires", new[] { "assessment.nursing-admission" });
        var encounter = await visits.InStatusAsync("inConsultation");

        var before = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        await Assessments.RecordAsync(visits.Nurse, encounter, Radiology, Assessments.Radiology());
        var mistaken = await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission());
        await Json.ReadAsync(await visits.Nurse.PostAsJsonAsync($"/api/v1/assessments/{mistaken.Id()}/entered-in-error", new { reason = "Wrong patient" }), HttpStatusCode.OK);
        var struckOnly = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        var original = await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission());
        await Json.ReadAsync(await Assessments.CorrectAsync(visits.Nurse, original.Id(), Assessments.Admission().With("gait", "weak")), HttpStatusCode.Created);
        var closed = await Json.ReadAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.OK);

        before.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString()).ShouldBe(["assessment.nursing-admission"]);
        struckOnly.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString()).ShouldBe(["assessment.nursing-admission"]);
        closed.Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_receptionist_may_neither_record_nor_read_assessments_and_reads_are_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var assessment = (await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission())).Id();

        (await Assessments.PostAsync(visits.Receptionist, encounter, Nursing, Assessments.Admission())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Assessments.CorrectAsync(visits.Receptionist, assessment, Assessments.Admission())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.PostAsJsonAsync($"/api/v1/assessments/{assessment}/entered-in-error", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/assessments/{assessment}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/encounters/{encounter}/assessments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync($"/api/v1/patients/{patient}/assessments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await visits.Receptionist.GetAsync("/api/v1/assessment-forms")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Assessments.GetAsync(visits.Doctor, assessment);

        var audit = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={assessment}&action=read"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("actorId").GetGuid() == visits.DoctorUser);
    }

    [Fact]
    public async Task A_retried_record_with_the_same_idempotency_key_records_one_assessment()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var key = Guid.NewGuid().ToString();

        var responses = new List<JsonElement>();
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/encounters/{encounter}/assessments")
            {
                Content = JsonContent.Create(new { formKey = Nursing, answers = Assessments.Admission() }),
            };
            request.Headers.Add("Idempotency-Key", key);
            responses.Add(await Json.ReadAsync(await visits.Nurse.SendAsync(request), HttpStatusCode.Created));
        }

        responses[1].Id().ShouldBe(responses[0].Id());
        (await Assessments.ListAsync(visits.Doctor, $"/api/v1/encounters/{encounter}/assessments")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_tenant_finds_none_of_the_assessment_endpoints_resources()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var assessment = (await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission())).Id();

        await TenantIsolation.Between(visits.Care, app.NewClinic().As("Admin,Doctor,Nurse"))
            .CoveringEvery(
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Clinical.ClinicalDb).Namespace!).Where(Assessments.IsAssessmentEndpoint),
                // The forms are the same for every tenant: nothing of a tenant to leak.
                "GET /api/v1/assessment-forms/", "GET /api/v1/assessment-forms/{key}/versions/{version:int}")
            .Watching($"/api/v1/assessments/{assessment}", $"/api/v1/encounters/{encounter}")
            .Get($"/api/v1/assessments/{assessment}")
            .Post($"/api/v1/assessments/{assessment}/correct", new { answers = Assessments.Admission() })
            .Post($"/api/v1/assessments/{assessment}/entered-in-error", new { reason = "x" })
            .Get($"/api/v1/encounters/{encounter}/assessments")
            .Post($"/api/v1/encounters/{encounter}/assessments", new { formKey = Nursing, answers = Assessments.Admission() })
            .Get($"/api/v1/patients/{patient}/assessments")
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task An_assessment_made_in_an_encounter_is_hidden_from_users_of_other_facilities()
    {
        var visits = await Visits.OpenAsync(app);
        var encounter = await visits.InStatusAsync("arrived");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();
        var assessment = (await Assessments.RecordAsync(visits.Nurse, encounter, Nursing, Assessments.Admission())).Id();
        var (elsewhere, _) = await visits.DepartmentElsewhereAsync();
        var outsider = visits.Clinic.AssignedTo("Doctor,Nurse", elsewhere);

        await TenantIsolation.BetweenFacilities(visits.Care, outsider)
            .Watching($"/api/v1/assessments/{assessment}")
            .Get($"/api/v1/assessments/{assessment}")
            .Post($"/api/v1/assessments/{assessment}/correct", new { answers = Assessments.Admission() })
            .Post($"/api/v1/assessments/{assessment}/entered-in-error", new { reason = "x" })
            .Get($"/api/v1/encounters/{encounter}/assessments")
            .Post($"/api/v1/encounters/{encounter}/assessments", new { formKey = Nursing, answers = Assessments.Admission() })
            .ListWithout($"/api/v1/patients/{patient}/assessments", assessment)
            .ShouldHoldAsync();
    }

    private static JsonElement Item(JsonElement form, string linkId) =>
        form.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("linkId").GetString() == linkId);
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class AssessmentTests_on_Postgres(ClinicalPostgresApp app) : AssessmentTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class AssessmentTests_on_Sqlite(ClinicalSqliteApp app) : AssessmentTests(app);
