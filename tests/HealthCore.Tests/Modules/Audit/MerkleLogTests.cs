using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthCore.Modules.Audit;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Audit;

public abstract class MerkleLogTests(AuditApp app)
{
    [Fact]
    public async Task Inclusion_and_consistency_proofs_and_the_signed_checkpoint_check_out_with_an_independent_verifier()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 7);
        var first = await CheckpointCoveringAsync(client, 7);
        first.GetProperty("treeSize").GetInt64().ShouldBe(7);
        await SignatureShouldBeValidAsync(client, first);
        var records = await RecordsOldestFirstAsync(client);

        foreach (var record in records)
        {
            var proof = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit/records/{record.Id}/proof?treeSize=7");
            var leafIndex = proof.GetProperty("leafIndex").GetInt64();
            var leafHash = Rfc6962Verifier.Leaf(AuditHash.Canonical(record));
            Convert.ToHexStringLower(leafHash).ShouldBe(proof.GetProperty("leafHash").GetString());
            Rfc6962Verifier.VerifyInclusion(leafIndex, 7, leafHash, Hashes(proof.GetProperty("auditPath")), Hex(first.GetProperty("rootHash")))
                .ShouldBeTrue($"leaf {leafIndex}");
            Rfc6962Verifier.VerifyInclusion(leafIndex, 7, MerkleTree.LeafHash([1, 2, 3]), Hashes(proof.GetProperty("auditPath")), Hex(first.GetProperty("rootHash")))
                .ShouldBeFalse();
        }

        await CreateNotesAsync(client, 6);
        var second = await CheckpointCoveringAsync(client, 13);
        await SignatureShouldBeValidAsync(client, second);
        var consistency = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/consistency?first=7&second=13");
        Rfc6962Verifier.VerifyConsistency(7, 13, Hex(first.GetProperty("rootHash")), Hex(second.GetProperty("rootHash")), Hashes(consistency.GetProperty("proof")))
            .ShouldBeTrue();
        for (long m = 1; m <= 13; m++)
        {
            var proof = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit/consistency?first={m}&second=13");
            Rfc6962Verifier.VerifyConsistency(m, 13, Hex(proof.GetProperty("firstRootHash")), Hex(second.GetProperty("rootHash")), Hashes(proof.GetProperty("proof")))
                .ShouldBeTrue($"consistency {m} -> 13");
        }

        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync("/api/v1/audit/consistency?first=8&second=99"), HttpStatusCode.BadRequest);
        // Records are listed by time but sealed in commit order, so find one the tree took in at leaf 5 or later.
        var leaves = new Dictionary<long, Guid>();
        foreach (var record in records)
        {
            leaves[await LeafIndexAsync(client, record.Id)] = record.Id;
        }

        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync($"/api/v1/audit/records/{leaves[5]}/proof?treeSize=5"), HttpStatusCode.BadRequest);
        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync($"/api/v1/audit/records/{Guid.CreateVersion7()}/proof"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Checkpoints_are_anchored_to_the_file_sink()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 2);
        var checkpoint = await CheckpointCoveringAsync(client, 2);
        var file = Path.Combine(app.AnchorDirectory, $"{checkpoint.GetProperty("tenantId").GetGuid():D}.checkpoints");
        var signature = checkpoint.GetProperty("signature").GetString();

        // The sink is written after the checkpoint is committed, so the file may trail the API by a moment.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(file) || !(await File.ReadAllLinesAsync(file)).Any(l => JsonDocument.Parse(l).RootElement.GetProperty("signature").GetString() == signature))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the checkpoint never reached the anchor file");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Verify_reports_the_leaf_of_a_record_edited_behind_the_applications_back()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 4);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 4);
        var victim = (await RecordsOldestFirstAsync(client))[2];
        var leaf = await LeafIndexAsync(client, victim.Id);

        (await app.ExecuteAsync("UPDATE {audit_records} SET entity_type = 'Forged' WHERE id = @id", bypassAppendOnly: true, ("id", app.Id(victim.Id)))).ShouldBe(1);

        var tree = await TreeAsync(client);
        tree.GetProperty("firstBrokenLeaf").GetInt64().ShouldBe(leaf);
        tree.GetProperty("firstBrokenRecord").GetGuid().ShouldBe(victim.Id);
        tree.GetProperty("verifiedLeaves").GetInt64().ShouldBe(leaf);
    }

    [Fact]
    public async Task Verify_reports_the_leaf_of_a_record_deleted_behind_the_applications_back()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 4);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 4);
        var victim = (await RecordsOldestFirstAsync(client))[1];
        var leaf = await LeafIndexAsync(client, victim.Id);

        (await app.ExecuteAsync("DELETE FROM {audit_records} WHERE id = @id", bypassAppendOnly: true, ("id", app.Id(victim.Id)))).ShouldBe(1);

        var verification = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        verification.GetProperty("verified").GetBoolean().ShouldBeFalse();
        verification.GetProperty("tree").GetProperty("firstBrokenLeaf").GetInt64().ShouldBe(leaf);
    }

    [Fact]
    public async Task Verify_reports_the_first_leaf_of_records_reordered_behind_the_applications_back()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 5);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 5);
        var records = await RecordsOldestFirstAsync(client);
        var (a, b) = (records[1].Id, records[3].Id);
        var expected = Math.Min(await LeafIndexAsync(client, a), await LeafIndexAsync(client, b));
        var parked = Guid.CreateVersion7();

        foreach (var (from, to) in new[] { (a, parked), (b, a), (parked, b) })
        {
            (await app.ExecuteAsync("UPDATE {audit_leaves} SET record_id = @to WHERE record_id = @from", bypassAppendOnly: true, ("to", app.Id(to)), ("from", app.Id(from))))
                .ShouldBe(1);
        }

        (await TreeAsync(client)).GetProperty("firstBrokenLeaf").GetInt64().ShouldBe(expected);
    }

    [Fact]
    public async Task A_record_inserted_behind_the_sealers_cursor_is_reported_as_outside_the_tree()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 2);
        var tenant = (await CheckpointCoveringAsync(client, 2)).GetProperty("tenantId").GetGuid();
        var forged = Guid.CreateVersion7();

        // Below the cursor: an xid long finished (PostgreSQL) or a rowid before the first (SQLite).
        var inserted = await app.ExecuteAsync(
            app.IsPostgres
                ? "INSERT INTO {audit_records} (id, tenant_id, format, epoch, xid, occurred_at, action, entity_type, hash) "
                    + "VALUES (@id, @tenant, 2, (SELECT max(epoch) FROM {audit_seal_cursors}), 3, now(), 'create', 'Forged', '')"
                : "INSERT INTO {audit_records} (rowid, id, tenant_id, format, epoch, occurred_at, action, entity_type, hash) "
                    + "VALUES (-1, @id, @tenant, 2, 1, '2026-01-01T00:00:00.0000000Z', 'create', 'Forged', '')",
            bypassAppendOnly: false,
            ("id", app.Id(forged)),
            ("tenant", app.Id(tenant)));
        inserted.ShouldBe(1);
        await CreateNotesAsync(client, 1);

        var verification = await AuditTrailTests.SealedVerificationAsync(client, unsealed: 1);
        var tree = verification.GetProperty("tree");
        tree.GetProperty("treeSize").GetInt64().ShouldBe(3);
        tree.GetProperty("unsealedRecords").GetInt64().ShouldBe(1);
        tree.GetProperty("firstUnsealedRecord").GetGuid().ShouldBe(forged);
    }

    [Fact]
    public async Task Two_sealers_running_concurrently_seal_every_record_exactly_once()
    {
        var client = app.ClientFor();
        using var stop = new CancellationTokenSource();
        var sealers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditSealing>().SealAsync(checkpointDue: true, CancellationToken.None);
            }
        })).ToList();

        var writes = await Task.WhenAll(Enumerable.Range(0, app.IsPostgres ? 60 : 20).Select(i =>
            client.PostAsJsonAsync("/api/v1/probe-notes", new { title = $"sealed once {i}" })));
        await AuditTrailTests.SealedVerificationAsync(client);
        await stop.CancelAsync();
        await Task.WhenAll(sealers);

        writes.ShouldAllBe(w => w.StatusCode == HttpStatusCode.Created);
        var tenant = (await CheckpointCoveringAsync(client, writes.Length)).GetProperty("tenantId").GetGuid();
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AuditDb>();
        var leaves = await db.Leaves.AsNoTracking().Where(l => l.TenantId == tenant).OrderBy(l => l.LeafIndex).ToListAsync();
        var recordIds = await db.Records.AsNoTracking().Where(r => r.TenantId == tenant).Select(r => r.Id).ToListAsync();
        leaves.Select(l => l.LeafIndex).ShouldBe(Enumerable.Range(0, writes.Length).Select(i => (long)i));
        leaves.Select(l => l.RecordId).Order().ShouldBe(recordIds.Order());
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: writes.Length);
    }

    [Fact]
    public async Task A_new_epoch_keeps_the_log_verifying_and_stamps_new_records()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 2);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 2);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditSealing>().StartEpochAsync("restored from a dump", closePrevious: !app.IsPostgres, CancellationToken.None);
        }

        var epoch = app.Services.GetRequiredService<AuditEpoch>().Current;
        await CreateNotesAsync(client, 3);

        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 5);
        (await RecordsOldestFirstAsync(client)).Select(r => r.Epoch).TakeLast(3).ShouldAllBe(e => e == epoch);
    }

    [Fact]
    public async Task Sealing_lag_is_exported_in_metrics()
    {
        await CreateNotesAsync(app.ClientFor(), 1);

        var metrics = await app.CreateClient().GetStringAsync("/metrics");

        metrics.ShouldContain("healthcore_audit_sealing_lag");
        metrics.ShouldContain("healthcore_audit_unsealed");
    }

    [Fact]
    public async Task Legacy_chain_records_are_imported_as_the_first_leaves_and_verify_with_the_frozen_head()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var chain = new List<AuditRecord>();
        var previous = AuditHash.Genesis;
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var record = new AuditRecord
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenant,
                Format = AuditRecord.LegacyChainFormat,
                Sequence = sequence,
                Epoch = 1,
                OccurredAt = InstantStorage.ToStoredPrecision(DateTimeOffset.UtcNow.AddDays(-1)),
                Action = "create",
                EntityType = "LegacyNote",
                EntityId = $"legacy-{sequence}",
                PreviousHash = previous,
            };
            record.Hash = AuditHash.Of(record);
            previous = record.Hash;
            chain.Add(record);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();

            // Inserted newest first: the import must follow the chain's sequence, not insertion order.
            db.Records.AddRange(Enumerable.Reverse(chain));
            db.ChainHeads.Add(new AuditChainHead { TenantId = tenant, LastSequence = 3, LastHash = previous });
            await db.SaveChangesAsync();
        }

        app.Services.GetRequiredService<AuditSealerState>().LegacyImported = false;
        await CreateNotesAsync(client, 1);

        var verification = await AuditTrailTests.VerifyShouldPassAsync(client, expected: 4);
        verification.GetProperty("legacy").GetProperty("verified").GetInt64().ShouldBe(3);
        verification.GetProperty("legacy").GetProperty("headMatches").GetBoolean().ShouldBeTrue();
        for (var i = 0; i < 3; i++)
        {
            (await LeafIndexAsync(client, chain[i].Id)).ShouldBe(i);
        }

        (await app.ExecuteAsync("UPDATE {audit_records} SET entity_id = 'forged' WHERE id = @id", bypassAppendOnly: true, ("id", app.Id(chain[1].Id)))).ShouldBe(1);
        var broken = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        broken.GetProperty("legacy").GetProperty("firstBrokenAt").GetGuid().ShouldBe(chain[1].Id);
        broken.GetProperty("tree").GetProperty("firstBrokenLeaf").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Changed_values_are_recorded_in_the_APIs_json_forms()
    {
        var client = app.ClientFor();

        await CreateNotesAsync(client, 1, dueAt: "2026-12-03T10:00:00+02:00");

        var record = (await AuditTrailTests.ListAsync(client, "")).Single();
        record.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "dueAt")
            .GetProperty("after").GetString().ShouldBe("2026-12-03T08:00:00Z");
    }

    private protected static async Task CreateNotesAsync(HttpClient client, int count, string? dueAt = null)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/probe-notes", new { title = $"note {i}", dueAt });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    private protected async Task<List<AuditRecord>> RecordsOldestFirstAsync(HttpClient client)
    {
        var ids = (await AuditTrailTests.ListAsync(client, "?limit=200")).Select(r => r.GetProperty("id").GetGuid()).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
        var records = await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
        return [.. records.OrderBy(r => r.Id)];
    }

    private protected static async Task<long> LeafIndexAsync(HttpClient client, Guid recordId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit/records/{recordId}/proof")).GetProperty("leafIndex").GetInt64();

    private static async Task<JsonElement> TreeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify")).GetProperty("tree");

    private static async Task<JsonElement> CheckpointCoveringAsync(HttpClient client, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.GetAsync("/api/v1/audit/checkpoints/latest");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var checkpoint = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (checkpoint.GetProperty("treeSize").GetInt64() >= size)
                {
                    return checkpoint;
                }
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"no checkpoint covering {size} leaves");
            await Task.Delay(50);
        }
    }

    /// <summary>Checks the checkpoint's ES256 signature with the public JWK from /audit/keys, independently of the service's signer.</summary>
    private static async Task SignatureShouldBeValidAsync(HttpClient client, JsonElement checkpoint)
    {
        var keys = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/keys");
        var jwk = keys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == checkpoint.GetProperty("keyId").GetString());
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
                Y = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
            },
        });
        var statement = "healthcore-audit-checkpoint/v1\n"
            + $"tenant {checkpoint.GetProperty("tenantId").GetString()}\n"
            + $"size {checkpoint.GetProperty("treeSize").GetInt64()}\n"
            + $"root {checkpoint.GetProperty("rootHash").GetString()}\n"
            + $"issued {checkpoint.GetProperty("issuedAt").GetDateTimeOffset().UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss.ffffff'Z'}\n";
        var signature = Convert.FromBase64String(checkpoint.GetProperty("signature").GetString()!);

        key.VerifyData(Encoding.UTF8.GetBytes(statement), signature, HashAlgorithmName.SHA256).ShouldBeTrue();
        signature[0] ^= 1;
        key.VerifyData(Encoding.UTF8.GetBytes(statement), signature, HashAlgorithmName.SHA256).ShouldBeFalse();
    }

    private static byte[] Hex(JsonElement value) => Convert.FromHexString(value.GetString()!);

    private static List<byte[]> Hashes(JsonElement array) => [.. array.EnumerateArray().Select(Hex)];
}

[Collection(AuditPostgresCollection.Name)]
public sealed class MerkleLogTests_on_Postgres(AuditPostgresApp app) : MerkleLogTests(app)
{
    [Fact]
    public async Task A_long_open_transaction_delays_sealing_of_later_records_and_its_own_record_is_sealed_once_it_commits()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 1);
        var tenant = await TenantOfAsync(client);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        await using var open = await db.Database.BeginTransactionAsync();
        db.PendingAudit.Add(new AuditEvent("read", "ProbeNote", "held-open", tenant));
        await db.SaveChangesAsync();

        await CreateNotesAsync(client, 1);
        await Task.Delay(1000);
        var records = await RecordsOldestFirstAsync(client);
        var later = records[^1];
        (await client.GetAsync($"/api/v1/audit/records/{later.Id}/proof")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await open.CommitAsync();
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 3);
        var held = (await RecordsOldestFirstAsync(client)).Single(r => r.EntityId == "held-open");
        (await LeafIndexAsync(client, held.Id)).ShouldBeLessThan(await LeafIndexAsync(client, later.Id));
    }

    [Fact]
    public async Task A_restore_into_a_cluster_whose_transaction_ids_are_behind_starts_a_new_epoch_and_keeps_verifying()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 2);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 2);
        var before = app.Services.GetRequiredService<AuditEpoch>().Current;

        // What a dump restored into a fresh cluster looks like to the sealer: its cursor is ahead of every new xid.
        await app.ExecuteAsync("UPDATE {audit_seal_cursors} SET after_xid = 4000000000000 WHERE epoch = @epoch", bypassAppendOnly: false, ("epoch", before));
        await CreateNotesAsync(client, 2);
        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 4);
        await CreateNotesAsync(client, 1);

        await AuditTrailTests.VerifyShouldPassAsync(client, expected: 5);
        app.Services.GetRequiredService<AuditEpoch>().Current.ShouldBe(before + 1);
        (await RecordsOldestFirstAsync(client))[^1].Epoch.ShouldBe(before + 1);
    }

    private async Task<Guid> TenantOfAsync(HttpClient client) => (await RecordsOldestFirstAsync(client))[0].TenantId;
}

[Collection(AuditSqliteCollection.Name)]
public sealed class MerkleLogTests_on_Sqlite(AuditSqliteApp app) : MerkleLogTests(app);
