using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using HealthCore.Tests.Support.Probe;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthCore.Tests.Modules.Audit;

public abstract class AuditTrailTests(AuditApp app)
{
    private bool IsPostgres => app.Provider == DatabaseProvider.Postgres;

    [Fact]
    public async Task Creating_and_updating_a_note_records_before_and_after_values_with_actor_and_correlation_id()
    {
        var user = Guid.CreateVersion7();
        var client = app.ClientFor(userId: user);
        client.DefaultRequestHeaders.Add(TestAuthentication.NameHeader, "dr.house");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTests/1.0");

        var created = await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "first" }, "corr-create-1");
        var note = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = note.GetProperty("id").GetString()!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/probe-notes/{id}") { Content = JsonContent.Create(new { title = "second" }) };
        patch.Headers.IfMatch.Add(created.Headers.ETag!);
        patch.Headers.Add("X-Correlation-Id", "corr-update-1");
        (await client.SendAsync(patch)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = await ListAsync(client, $"?entityType=ProbeNote&entityId={id}");

        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        var update = records[0];
        var create = records[1];
        Change(create, "title").GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        Change(create, "title").GetProperty("after").GetString().ShouldBe("first");
        Change(update, "title").GetProperty("before").GetString().ShouldBe("first");
        Change(update, "title").GetProperty("after").GetString().ShouldBe("second");
        Change(update, "version").GetProperty("after").GetInt32().ShouldBe(1);
        update.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ShouldNotContain("createdAt");
        create.GetProperty("correlationId").GetString().ShouldBe("corr-create-1");
        update.GetProperty("correlationId").GetString().ShouldBe("corr-update-1");
        update.GetProperty("actorId").GetGuid().ShouldBe(user);
        update.GetProperty("actorName").GetString().ShouldBe("dr.house");
        update.GetProperty("userAgent").GetString().ShouldBe("AuditTests/1.0");
        update.GetProperty("format").GetInt32().ShouldBe(2);
        update.GetProperty("sequence").ValueKind.ShouldBe(JsonValueKind.Null);
        update.GetProperty("previousHash").ValueKind.ShouldBe(JsonValueKind.Null);
        await VerifyShouldPassAsync(client);
    }

    [Fact]
    public async Task The_client_address_is_recorded()
    {
        using var remote = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse("203.0.113.9")))));
        var client = HealthCoreApp.Authorize(remote.CreateClient());
        await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "from afar" });

        (await ListAsync(client, "")).ShouldHaveSingleItem().GetProperty("clientIp").GetString().ShouldBe("203.0.113.9");
    }

    [Fact]
    public async Task A_synchronous_save_is_audited_in_its_transaction_too()
    {
        var tenant = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, Guid.CreateVersion7());
            var db = scope.ServiceProvider.GetRequiredService<CredentialsDb>();
            var credential = new Credential { Username = "sync", ApiKey = "k", PasswordHash = "h" };
            db.Credentials.Add(credential);
            db.SaveChanges();
            db.Credentials.Remove(credential);
            db.SaveChanges();
        }

        var client = app.ClientFor(tenant);
        var records = await ListAsync(client, "");
        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["delete", "create"]);
        Change(records[0], "username").GetProperty("before").GetString().ShouldBe("sync");
        Change(records[0], "username").GetProperty("after").ValueKind.ShouldBe(JsonValueKind.Null);
        await VerifyShouldPassAsync(client, expected: 2);
    }

    [Fact]
    public async Task Platform_bookkeeping_such_as_the_outbox_row_of_a_change_is_not_audited()
    {
        var client = app.ClientFor();
        await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "publishes an event" });

        var records = await ListAsync(client, "");

        records.ShouldHaveSingleItem().GetProperty("entityType").GetString().ShouldBe("ProbeNote");
    }

    [Fact]
    public async Task A_handler_can_record_a_change_under_a_domain_verb()
    {
        var tenant = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, Guid.CreateVersion7());
            var db = scope.ServiceProvider.GetRequiredService<CredentialsDb>();
            var credential = new Credential { Username = "locked.out", ApiKey = "k", PasswordHash = "h" };
            db.Credentials.Add(credential);
            await db.SaveChangesAsync();
            credential.Username = "unlocked";
            db.AuditAs(credential, "unlock");
            await db.SaveChangesAsync();
            credential.Username = "plain";
            await db.SaveChangesAsync();
        }

        var records = await ListAsync(app.ClientFor(tenant), "");

        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "unlock", "create"]);
        Change(records[1], "username").GetProperty("after").GetString().ShouldBe("unlocked");
    }

    [Fact]
    public async Task A_change_rolled_back_by_its_transaction_leaves_no_audit_record_and_the_chain_intact()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "kept" });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, Guid.CreateVersion7());
            var db = scope.ServiceProvider.GetRequiredService<ProbeDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new ProbeNote { Title = "rolled back", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "after" });

        var records = await ListAsync(client, "?entityType=ProbeNote");
        records.Count.ShouldBe(2);
        records.ShouldAllBe(r => r.GetProperty("changes").GetRawText().Contains("rolled back") == false);
        await VerifyShouldPassAsync(client, expected: 2);
    }

    [Fact]
    public async Task A_failed_update_leaves_no_audit_record()
    {
        var client = app.ClientFor();
        var created = await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "original" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/probe-notes/{id}") { Content = JsonContent.Create(new { title = "stale" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"99\""));

        (await client.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        (await ListAsync(client, "?action=update")).ShouldBeEmpty();
        (await ListAsync(client, "")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Sensitive_fields_are_masked_and_secrets_and_password_hashes_are_never_recorded()
    {
        var tenant = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, Guid.CreateVersion7());
            var db = scope.ServiceProvider.GetRequiredService<CredentialsDb>();
            var credential = new Credential { Username = "nurse.joy", ApiKey = "key-s3cr3t", PasswordHash = "AQAAAAhash", NationalId = "123-45-6789" };
            db.Credentials.Add(credential);
            await db.SaveChangesAsync();
            credential.NationalId = "987-65-4321";
            credential.ApiKey = "key-rotated";
            credential.PasswordHash = "AQAAAAnewhash";
            await db.SaveChangesAsync();
        }

        var records = await ListAsync(app.ClientFor(tenant), "?entityType=Credential");

        records.Count.ShouldBe(2);
        var raw = string.Join("\n", records.Select(r => r.GetRawText()));
        raw.ShouldNotContain("s3cr3t");
        raw.ShouldNotContain("rotated");
        raw.ShouldNotContain("AQAAAA");
        raw.ShouldNotContain("apiKey");
        raw.ShouldNotContain("passwordHash");
        raw.ShouldNotContain("6789");
        raw.ShouldNotContain("4321");
        Change(records[1], "username").GetProperty("after").GetString().ShouldBe("nurse.joy");
        Change(records[0], "nationalId").GetProperty("before").GetString().ShouldBe("***");
        Change(records[0], "nationalId").GetProperty("after").GetString().ShouldBe("***");
        records[0].GetProperty("changes").GetArrayLength().ShouldBe(1);
        records[0].GetProperty("actorId").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_tenant_are_each_sealed_once_into_a_tree_that_verifies()
    {
        var writers = IsPostgres ? 40 : 10;
        var client = app.ClientFor();

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            client.PostAsJsonAsync("/api/v1/probe-notes", new { title = $"parallel {i}" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=7{(cursor is null ? "" : $"&cursor={cursor}")}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Distinct().Count().ShouldBe(writers);
        ids.ShouldBe([.. ids.OrderDescending()]);
        await VerifyShouldPassAsync(client, expected: writers);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_a_tenants_records()
    {
        var tenantA = app.ClientFor();
        var created = await SendAsync(tenantA, HttpMethod.Post, "/api/v1/probe-notes", new { title = "tenant A only" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var tenantB = app.ClientFor();

        (await ListAsync(tenantB, "")).ShouldBeEmpty();
        (await ListAsync(tenantB, $"?entityId={id}")).ShouldBeEmpty();
        (await tenantB.GetStringAsync("/api/v1/audit/export")).ShouldNotContain(id!);
        var verification = await tenantB.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        verification.GetProperty("verified").GetBoolean().ShouldBeTrue();
        verification.GetProperty("tree").GetProperty("treeSize").GetInt64().ShouldBe(0);
        verification.GetProperty("legacy").GetProperty("verified").GetInt64().ShouldBe(0);
        (await ListAsync(tenantA, "")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Export_streams_csv_with_a_header_and_properly_quoted_fields()
    {
        var client = app.ClientFor();
        await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "comma, \"quote\" and\nnewline" });

        var response = await client.GetAsync($"/api/v1/audit/export?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.ShouldStartWith("id,format,sequence,occurred_at,actor_id,actor_name,action,entity_type,entity_id,changes,correlation_id,client_ip,user_agent,previous_hash,hash,reason\r\n");
        var rows = ParseCsv(csv);
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(row => row.Count == 16);
        rows[1][6].ShouldBe("create");
        var changes = JsonDocument.Parse(rows[1][9]).RootElement;
        changes.EnumerateArray().Single(c => c.GetProperty("field").GetString() == "title").GetProperty("after").GetString()
            .ShouldBe("comma, \"quote\" and\nnewline");
        (await client.GetStringAsync($"/api/v1/audit/export?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Reading_an_audited_resource_records_a_read_and_a_miss_records_nothing()
    {
        var client = app.ClientFor();
        var created = await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "chart" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        (await SendAsync(client, HttpMethod.Get, $"/api/v1/probe-notes/{id}", null, "corr-read-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/probe-notes/{Guid.CreateVersion7()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var reads = await ListAsync(client, "?action=read");
        var read = reads.ShouldHaveSingleItem();
        read.GetProperty("entityType").GetString().ShouldBe("ProbeNote");
        read.GetProperty("entityId").GetString().ShouldBe(id);
        read.GetProperty("correlationId").GetString().ShouldBe("corr-read-1");
        read.GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Null);
        await VerifyShouldPassAsync(client, expected: 2);
    }

    [Fact]
    public async Task Concurrent_reads_and_writes_are_each_recorded_once_with_their_actor_in_a_chain_that_verifies()
    {
        var parallel = IsPostgres ? 40 : 10;
        var client = app.ClientFor();
        var created = await SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = "chart" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, parallel).SelectMany(i => new[]
        {
            SendAsync(client, HttpMethod.Get, $"/api/v1/probe-notes/{id}", null, $"corr-read-{i}"),
            SendAsync(client, HttpMethod.Post, "/api/v1/probe-notes", new { title = $"parallel {i}" }),
        }));

        responses.ShouldAllBe(r => r.IsSuccessStatusCode);
        var reads = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=read&limit=200{(cursor is null ? "" : $"&cursor={cursor}")}");
            reads.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        reads.Select(r => r.GetProperty("correlationId").GetString()).Order()
            .ShouldBe(Enumerable.Range(0, parallel).Select(i => $"corr-read-{i}").Order());
        reads.ShouldAllBe(r => r.GetProperty("entityId").GetString() == id && r.GetProperty("actorId").ValueKind == JsonValueKind.String);
        await VerifyShouldPassAsync(client, expected: 1 + (2 * parallel));
    }

    [Fact]
    public async Task The_audit_endpoints_require_an_authenticated_caller()
    {
        var anonymous = app.CreateClient();

        (await anonymous.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/audit/verify")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/audit/export")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Doctor")]
    [InlineData("Nurse,Receptionist")]
    [InlineData("")]
    public async Task Only_admins_and_auditors_may_read_the_audit_trail(string roles)
    {
        var client = HealthCoreApp.Authorize(app.CreateClient(), roles: roles);
        var auditor = HealthCoreApp.Authorize(app.CreateClient(), roles: "Auditor");

        foreach (var path in new[] { "/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export" })
        {
            await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync(path), HttpStatusCode.Forbidden);
            (await auditor.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_forged_cursor_or_an_oversized_limit_is_rejected()
    {
        var forged = await app.ClientFor().GetAsync("/api/v1/audit?cursor=bm90LWEtY3Vyc29y");
        var oversized = await app.ClientFor().GetAsync("/api/v1/audit?limit=201");

        (await ProblemAssertions.ShouldBeProblemAsync(forged, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(oversized, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
    }

    internal Task<int> ExecuteAsync(string sql, bool bypassAppendOnly, params (string Name, object Value)[] parameters) =>
        app.ExecuteAsync(sql, bypassAppendOnly, parameters);

    internal object Id(Guid id) => app.Id(id);

    internal static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit{query}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits until the sealer has sealed every record of the caller, then expects the whole log to verify.</summary>
    internal static async Task<JsonElement> VerifyShouldPassAsync(HttpClient client, long? expected = null)
    {
        var verification = await SealedVerificationAsync(client);
        var tree = verification.GetProperty("tree");
        verification.GetProperty("verified").GetBoolean().ShouldBeTrue(verification.ToString());
        tree.GetProperty("firstBrokenLeaf").ValueKind.ShouldBe(JsonValueKind.Null);
        tree.GetProperty("rootMatches").GetBoolean().ShouldBeTrue();
        var verified = tree.GetProperty("verifiedLeaves").GetInt64();
        verified.ShouldBeGreaterThan(0);
        if (expected is { } count)
        {
            verified.ShouldBe(count, verification.ToString());
        }

        return verification;
    }

    /// <summary>The verification once no record of the caller is waiting to be sealed (the sealer runs every 150 ms).</summary>
    internal static async Task<JsonElement> SealedVerificationAsync(HttpClient client, long unsealed = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var verification = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
            if (verification.GetProperty("tree").GetProperty("unsealedRecords").GetInt64() <= unsealed || DateTime.UtcNow > deadline)
            {
                return verification;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? correlationId = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (correlationId is not null)
        {
            request.Headers.Add("X-Correlation-Id", correlationId);
        }

        var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return response;
    }

    private static JsonElement Change(JsonElement record, string field) =>
        record.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == field);

    /// <summary>A strict RFC 4180 reader for the assertions: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        quoted.ShouldBeFalse("an unterminated quoted field");
        (row.Count == 0 && field.Length == 0).ShouldBeTrue("the last row ends with CRLF");
        return rows;
    }
}

[Collection(AuditPostgresCollection.Name)]
public sealed class AuditTrailTests_on_Postgres(AuditPostgresApp app) : AuditTrailTests(app)
{
    [Fact]
    public async Task The_database_rejects_updating_or_deleting_an_audit_record()
    {
        var client = app.ClientFor();
        await client.PostAsJsonAsync("/api/v1/probe-notes", new { title = "immutable" });
        var record = (await ListAsync(client, "")).Single();
        var id = record.GetProperty("id").GetGuid();

        var update = await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync("UPDATE {audit_records} SET action = 'forged' WHERE id = @id", bypassAppendOnly: false, ("id", id)));
        var delete = await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync("DELETE FROM {audit_records} WHERE id = @id", bypassAppendOnly: false, ("id", id)));
        var truncate = await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync("TRUNCATE {audit_records}", bypassAppendOnly: false));

        update.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        delete.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        truncate.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await ListAsync(client, "")).Single().GetProperty("action").GetString().ShouldBe("create");
        await VerifyShouldPassAsync(client, expected: 1);
    }
}

[Collection(AuditSqliteCollection.Name)]
public sealed class AuditTrailTests_on_Sqlite(AuditSqliteApp app) : AuditTrailTests(app);
