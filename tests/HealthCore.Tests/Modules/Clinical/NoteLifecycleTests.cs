using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Tests.Modules.Scheduling;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>A note is a draft its author edits, signs (frozen with a hash of its canonical content), amends and others countersign.</summary>
public abstract class NoteLifecycleTests(ClinicalApp app)
{
    [Fact]
    public async Task A_note_is_edited_by_its_author_signed_with_its_hash_amended_with_a_reason_signed_again_and_countersigned()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var patient = (await visits.GetAsync(encounter)).GetProperty("patientId").GetGuid();

        var draft = await notes.DraftAsync(encounter);
        var id = draft.Id();
        draft.GetProperty("typeCode").GetProperty("code").GetString().ShouldBe("11506-3");
        draft.NoteStatus().ShouldBe("draft");
        draft.Current().GetProperty("authorId").GetGuid().ShouldBe(visits.DoctorUser);

        var edited = await Json.ReadAsync(
            await notes.PatchAsync(id, """{"sections":[{"title":"Assessment","text":"Temp 38.5 °C, \"better\" than yesterday."}]}"""), HttpStatusCode.OK);
        edited.Current().GetProperty("title").GetString().ShouldBe("Day 2 ward round");
        edited.Current().GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldBe(["Assessment"]);

        var otherDoctor = visits.Clinic.As("Doctor", Guid.CreateVersion7());
        (await ProblemAssertions.ShouldBeProblemAsync(await notes.PatchAsync(id, """{"title":"Mine now"}""", otherDoctor), HttpStatusCode.Forbidden))
            .GetProperty("title").GetString().ShouldBe("Only the author of a draft edits and signs it.");
        (await notes.ActAsync(id, "sign", otherDoctor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notes.ActAsync(id, "cosign", otherDoctor)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var signed = await Json.ReadAsync(await notes.ActAsync(id, "sign"), HttpStatusCode.OK);
        var signature = signed.Current().GetProperty("signature");
        signature.GetProperty("signerId").GetGuid().ShouldBe(visits.DoctorUser);
        signature.GetProperty("hashAlgorithm").GetString().ShouldBe("SHA-256");
        var v1Hash = Sha256(
            $$"""{"resourceType":"Composition","id":"{{id}}","version":1,"type":"11506-3","encounter":"{{encounter}}","subject":"{{patient}}","author":"{{visits.DoctorUser}}","title":"Day 2 ward round","section":[{"title":"Assessment","text":"Temp 38.5 °C, \"better\" than yesterday."}],"amends":null}""");
        signature.GetProperty("contentHash").GetString().ShouldBe(v1Hash);

        (await ProblemAssertions.ShouldBeProblemAsync(await notes.PatchAsync(id, """{"title":"Too late"}"""), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("note-signed");
        (await notes.ActAsync(id, "sign")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAssertions.ShouldBeProblemAsync(await notes.ActAsync(id, "amend", body: new { reason = " " }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var v1 = (await notes.VersionsAsync(id)).Single().GetRawText();

        var amended = await Json.ReadAsync(await notes.ActAsync(id, "amend", otherDoctor, new { reason = "Temperature was 37.5 °C" }), HttpStatusCode.Created);
        amended.NoteStatus().ShouldBe("draft");
        amended.Current().GetProperty("version").GetInt32().ShouldBe(2);
        amended.Current().GetProperty("authorId").GetGuid().ShouldNotBe(visits.DoctorUser);
        amended.Current().GetProperty("amends").GetProperty("version").GetInt32().ShouldBe(1);
        (await notes.PatchAsync(id, """{"title":"Not my amendment"}""")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Json.ReadAsync(
            await notes.PatchAsync(id, """{"sections":[{"title":"Assessment","text":"Temp 37.5 °C."}]}""", otherDoctor), HttpStatusCode.OK);

        var versions = await notes.VersionsAsync(id);
        versions.Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        versions[0].GetRawText().ShouldBe(v1);
        versions[1].GetProperty("status").GetString().ShouldBe("draft");
        versions[1].GetProperty("signature").ValueKind.ShouldBe(JsonValueKind.Null);

        var resigned = await Json.ReadAsync(await notes.ActAsync(id, "sign", otherDoctor), HttpStatusCode.OK);
        var amender = resigned.Current().GetProperty("authorId").GetGuid();
        resigned.Current().GetProperty("signature").GetProperty("contentHash").GetString().ShouldBe(Sha256(
            $$$"""{"resourceType":"Composition","id":"{{{id}}}","version":2,"type":"11506-3","encounter":"{{{encounter}}}","subject":"{{{patient}}}","author":"{{{amender}}}","title":"Day 2 ward round","section":[{"title":"Assessment","text":"Temp 37.5 °C."}],"amends":{"hash":"{{{v1Hash}}}","reason":"Temperature was 37.5 °C"}}"""));

        (await ProblemAssertions.ShouldBeProblemAsync(await notes.ActAsync(id, "cosign", otherDoctor), HttpStatusCode.Forbidden))
            .GetProperty("title").GetString().ShouldBe("A countersignature is someone else's.");
        var cosigned = await Json.ReadAsync(await notes.ActAsync(id, "cosign"), HttpStatusCode.OK);
        var cosignature = cosigned.Current().GetProperty("cosignatures").EnumerateArray().Single();
        cosignature.GetProperty("cosignerId").GetGuid().ShouldBe(visits.DoctorUser);
        cosignature.GetProperty("cosignedAt").GetDateTimeOffset().ShouldBe(app.Now, TimeSpan.FromMinutes(5));
        (await ProblemAssertions.ShouldBeProblemAsync(await notes.ActAsync(id, "cosign"), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("note-already-cosigned");

        var final = await notes.VersionsAsync(id);
        final[0].GetRawText().ShouldBe(v1);
        final[1].GetProperty("cosignatures").GetArrayLength().ShouldBe(1);
        var listed = (await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK)).GetProperty("items");
        listed.EnumerateArray().Select(n => (n.Id(), n.GetProperty("versionCount").GetInt32())).ShouldBe([(id, 2)]);

        var audit = (await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={id}&limit=100"), HttpStatusCode.OK)).GetProperty("items")
            .EnumerateArray().Where(r => r.GetProperty("action").GetString() != "read").ToList();
        audit.Select(r => r.GetProperty("action").GetString()).ShouldBe(["create", "update", "sign", "amend", "update", "sign", "cosign"], ignoreOrder: true);
        audit.Single(r => r.GetProperty("action").GetString() == "amend").GetProperty("reason").GetString().ShouldBe("Temperature was 37.5 °C");
        audit.Where(r => r.GetProperty("action").GetString() == "sign").Select(r => r.GetProperty("actorId").GetGuid()).ShouldBe([visits.DoctorUser, amender], ignoreOrder: true);
    }

    [Fact]
    public async Task PATCH_needs_If_Match_and_a_stale_one_answers_412()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var id = (await notes.DraftAsync(await visits.InStatusAsync("inConsultation"))).Id();
        var (_, etag) = await notes.GetAsync(id);
        await Json.ReadAsync(await notes.PatchAsync(id, """{"title":"First"}"""), HttpStatusCode.OK);

        var stale = await visits.Doctor.SendAsync(MergePatchRequest.Create($"/api/v1/notes/{id}", """{"title":"Second"}""", etag));
        var missing = await visits.Doctor.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/notes/{id}")
        {
            Content = new StringContent("""{"title":"Third"}""", Encoding.UTF8, "application/merge-patch+json"),
        });

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        missing.StatusCode.ShouldBe((HttpStatusCode)428);
        (await notes.GetAsync(id)).Note.Current().GetProperty("title").GetString().ShouldBe("First");
    }

    [Fact]
    public async Task A_draft_without_sections_or_title_or_with_an_unknown_type_answers_400_naming_the_field()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");

        foreach (var (body, field) in new (object, string)[]
        {
            (new { type = "progress", title = "T", sections = Array.Empty<object>() }, "sections"),
            (new { type = "progress", title = "", sections = new[] { new { title = "S", text = "x" } } }, "title"),
            (new { type = "gossip", title = "T", sections = new[] { new { title = "S", text = "x" } } }, "type"),
        })
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(await notes.WriteAsync(encounter, visits.Doctor, body), HttpStatusCode.BadRequest);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(name => name.StartsWith(field, StringComparison.OrdinalIgnoreCase));
        }

        var id = (await notes.DraftAsync(encounter)).Id();
        (await notes.PatchAsync(id, """{"sections":null}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_signed_version_cannot_be_changed_or_deleted_even_by_SQL_while_a_draft_can()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var signed = await notes.SignedAsync(encounter);
        var draft = (await notes.DraftAsync(encounter)).Id();
        var before = (await notes.VersionsAsync(signed)).Single().GetRawText();

        await Should.ThrowAsync<DbException>(() => ExecuteAsync("UPDATE {0}note_versions SET title = 'Rewritten' WHERE note_id = @id", signed));
        await Should.ThrowAsync<DbException>(() => ExecuteAsync("UPDATE {0}note_versions SET content_hash = NULL, signed_at = NULL WHERE note_id = @id", signed));
        await Should.ThrowAsync<DbException>(() => ExecuteAsync("DELETE FROM {0}note_versions WHERE note_id = @id", signed));
        (await ExecuteAsync("UPDATE {0}note_versions SET title = 'Edited in place' WHERE note_id = @id", draft)).ShouldBe(1);

        (await notes.VersionsAsync(signed)).Single().GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task Notes_cannot_be_written_for_a_cancelled_or_unknown_encounter()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);

        (await ProblemAssertions.ShouldBeProblemAsync(await notes.WriteAsync(await visits.InStatusAsync("cancelled"), visits.Doctor), HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("encounter-void");
        (await notes.WriteAsync(await visits.InStatusAsync("enteredInError"), visits.Doctor)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await notes.WriteAsync(Guid.CreateVersion7(), visits.Doctor)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visits.Doctor.GetAsync($"/api/v1/encounters/{Guid.CreateVersion7()}/notes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Closing_with_the_note_signed_rule_fails_until_a_note_of_the_encounter_is_signed()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        await visits.RuleAsync("encounter.close.requires", new[] { "note.signed" });
        var encounter = await visits.InStatusAsync("inConsultation");
        var other = await visits.InStatusAsync("inConsultation");
        await notes.SignedAsync(other);
        var id = (await notes.DraftAsync(encounter)).Id();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("requirement").GetString()).ShouldBe(["note.signed"]);

        await Json.ReadAsync(await notes.ActAsync(id, "sign"), HttpStatusCode.OK);
        (await Json.ReadAsync(await visits.ActAsync(encounter, "close", visits.Doctor), HttpStatusCode.OK)).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task Reads_of_a_note_are_audited()
    {
        var visits = await Visits.OpenAsync(app);
        var notes = new Notes(visits);
        var encounter = await visits.InStatusAsync("inConsultation");
        var id = (await notes.DraftAsync(encounter)).Id();

        await notes.GetAsync(id);
        await notes.VersionsAsync(id);
        await Json.ReadAsync(await visits.Doctor.GetAsync($"/api/v1/encounters/{encounter}/notes"), HttpStatusCode.OK);

        var reads = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={id}&action=read"), HttpStatusCode.OK);
        reads.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("actorId").GetGuid()).ShouldBe([visits.DoctorUser, visits.DoctorUser]);
        var encounterReads = await Json.ReadAsync(await visits.Clinic.Staff.GetAsync($"/api/v1/audit?entityId={encounter}&action=read"), HttpStatusCode.OK);
        encounterReads.GetProperty("items").GetArrayLength().ShouldBeGreaterThanOrEqualTo(1);
    }

    private static string Sha256(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Runs SQL straight against the database, past the application: {0} is the schema prefix.</summary>
    private async Task<int> ExecuteAsync(string sql, Guid id)
    {
        var postgres = app.Provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, postgres ? "clinical." : "");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = postgres ? id : id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync();
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class NoteLifecycleTests_on_Postgres(ClinicalPostgresApp app) : NoteLifecycleTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class NoteLifecycleTests_on_Sqlite(ClinicalSqliteApp app) : NoteLifecycleTests(app);
