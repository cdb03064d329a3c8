using HealthCore.Tests.Support.Probe;

namespace HealthCore.Tests.Platform.Http;

public abstract class TenantIsolationTests(HealthCoreApp app)
{
    [Fact]
    public async Task Another_tenant_gets_404_when_reading_a_note()
    {
        var owner = app.ClientFor();
        var created = await owner.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());

        var response = await app.ClientFor().GetAsync(created.Headers.Location);

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        (await owner.GetAsync(created.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_tenant_gets_404_when_updating_a_note_even_with_its_etag_and_changes_nothing()
    {
        var owner = app.ClientFor();
        var note = ProbeNotes.New();
        var created = await owner.PostAsJsonAsync(ProbeNotes.Path, note);
        var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = JsonContent.Create(new UpdateProbeNote("hijacked")) };
        patch.Headers.IfMatch.Add(created.Headers.ETag!);

        var response = await app.ClientFor().SendAsync(patch);

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        var read = await ProbeNotes.ReadJsonAsync(await owner.GetAsync(created.Headers.Location));
        read.GetProperty("title").GetString().ShouldBe(note.Title);
        read.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenants_list_does_not_include_the_note()
    {
        var owner = app.ClientFor();
        var other = app.ClientFor();
        var mine = (await ProbeNotes.CreateAsync(owner)).GetProperty("id").GetGuid();
        var theirs = (await ProbeNotes.CreateAsync(other)).GetProperty("id").GetGuid();

        (await ProbeNotes.ListIdsAsync(other)).ShouldBe([theirs]);
        (await ProbeNotes.ListIdsAsync(owner)).ShouldBe([mine]);
    }

    [Fact]
    public async Task Another_tenants_due_notes_do_not_include_the_note()
    {
        var owner = app.ClientFor();
        await ProbeNotes.CreateAsync(owner, ProbeNotes.New() with { DueAt = DateTimeOffset.Parse("2030-01-01T00:00:00Z") });
        var query = $"{ProbeNotes.Path}/due-before?instant=2031-01-01T00:00:00Z";

        var theirs = await ProbeNotes.ReadJsonAsync(await app.ClientFor().GetAsync(query));

        theirs.GetArrayLength().ShouldBe(0);
        (await ProbeNotes.ReadJsonAsync(await owner.GetAsync(query))).GetArrayLength().ShouldBe(1);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class TenantIsolationTests_on_Postgres(PostgresApp app) : TenantIsolationTests(app);

[Collection(SqliteCollection.Name)]
public sealed class TenantIsolationTests_on_Sqlite(SqliteApp app) : TenantIsolationTests(app);
