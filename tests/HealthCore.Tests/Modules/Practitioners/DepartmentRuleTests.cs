using System.Text.Json;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Practitioners.PractitionersApi;

namespace HealthCore.Tests.Modules.Practitioners;

public abstract class DepartmentRuleTests(HealthCoreApp app)
{
    private static readonly DateTimeOffset January = DateTimeOffset.Parse("2030-01-01T00:00:00Z");

    [Fact]
    public async Task Only_rules_in_effect_at_the_requested_instant_are_answered()
    {
        var client = app.ClientFor();
        var rules = $"{(await client.CreateDepartmentAsync()).Location}/rules";
        await PutAsync(client, $"{rules}/preparation.mri", new { value = new { fastingHours = 6, contrast = true }, effectiveFrom = January, effectiveTo = January.AddMonths(6) });
        await PutAsync(client, $"{rules}/slots.minutes", new { value = 30, effectiveFrom = January.AddMonths(3) });

        async Task<List<string?>> KeysAt(DateTimeOffset at) =>
            (await client.GetJsonAsync($"{rules}?at={Uri.EscapeDataString(at.ToString("O"))}")).GetProperty("rules").Strings("key");

        (await KeysAt(January.AddDays(-1))).ShouldBeEmpty();
        (await KeysAt(January)).ShouldBe(["preparation.mri"]);
        (await KeysAt(January.AddMonths(4))).ShouldBe(["preparation.mri", "slots.minutes"]);
        (await KeysAt(January.AddMonths(6))).ShouldBe(["slots.minutes"]);
        var mri = (await client.GetJsonAsync($"{rules}?at={Uri.EscapeDataString(January.AddDays(1).ToString("O"))}")).GetProperty("rules")[0];
        mri.GetProperty("value").GetProperty("fastingHours").GetInt32().ShouldBe(6);
        mri.GetProperty("effectiveTo").GetDateTimeOffset().ShouldBe(January.AddMonths(6));
    }

    [Fact]
    public async Task Without_at_the_rules_in_effect_now_are_answered_and_effective_from_defaults_to_now()
    {
        var client = app.ClientFor();
        var rules = $"{(await client.CreateDepartmentAsync()).Location}/rules";
        await PutAsync(client, $"{rules}/visiting.hours", new { value = "14:00-20:00" });
        await PutAsync(client, $"{rules}/future.rule", new { value = 1, effectiveFrom = DateTimeOffset.UtcNow.AddDays(1) });

        var now = await client.GetJsonAsync(rules);

        now.GetProperty("rules").Strings("key").ShouldBe(["visiting.hours"]);
        now.GetProperty("rules")[0].GetProperty("value").GetString().ShouldBe("14:00-20:00");
    }

    [Fact]
    public async Task A_new_version_closes_the_earlier_one_at_its_start_and_one_inside_a_period_splits_it()
    {
        var client = app.ClientFor();
        var rule = $"{(await client.CreateDepartmentAsync()).Location}/rules/preparation.mri";
        await PutAsync(client, rule, new { value = "v1", effectiveFrom = January });
        await PutAsync(client, rule, new { value = "v2", effectiveFrom = January.AddMonths(6) });

        var timeline = await PutAsync(client, rule, new { value = "v3", effectiveFrom = January.AddMonths(2), effectiveTo = January.AddMonths(3) });

        Versions(timeline).ShouldBe([
            ("v1", January, January.AddMonths(2)),
            ("v3", January.AddMonths(2), January.AddMonths(3)),
            ("v1", January.AddMonths(3), January.AddMonths(6)),
            ("v2", January.AddMonths(6), null),
        ]);
        Versions(await client.GetJsonAsync(rule)).ShouldBe(Versions(timeline));
    }

    [Fact]
    public async Task A_version_covering_later_ones_replaces_them_and_trims_the_one_it_ends_inside()
    {
        var client = app.ClientFor();
        var rule = $"{(await client.CreateDepartmentAsync()).Location}/rules/beds.reserved";
        await PutAsync(client, rule, new { value = 1, effectiveFrom = January.AddMonths(1), effectiveTo = January.AddMonths(2) });
        await PutAsync(client, rule, new { value = 2, effectiveFrom = January.AddMonths(2), effectiveTo = January.AddMonths(5) });

        var timeline = await PutAsync(client, rule, new { value = 3, effectiveFrom = January, effectiveTo = January.AddMonths(3) });

        Versions(timeline).ShouldBe([("3", January, January.AddMonths(3)), ("2", January.AddMonths(3), January.AddMonths(5))]);
    }

    [Fact]
    public async Task Repeating_the_same_put_changes_nothing()
    {
        var client = app.ClientFor();
        var rule = $"{(await client.CreateDepartmentAsync()).Location}/rules/preparation.ct";
        var body = new { value = new { fastingHours = 4 }, effectiveFrom = January };
        var first = await PutAsync(client, rule, body);

        var second = await PutAsync(client, rule, body);

        Versions(second).ShouldBe(Versions(first));
        (await client.GetJsonAsync("/api/v1/audit?entityType=DepartmentRule")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("Preparation.MRI", """{ "value": 1 }""", "key")]
    [InlineData(".hidden", """{ "value": 1 }""", "key")]
    [InlineData("preparation.mri", """{ }""", "value")]
    [InlineData("preparation.mri", """{ "value": null }""", "value")]
    [InlineData("preparation.mri", """{ "value": 1, "effectiveFrom": "2030-02-01T00:00:00Z", "effectiveTo": "2030-01-01T00:00:00Z" }""", "effectiveTo")]
    [InlineData("preparation.mri", """{ "value": 1, "effectiveTo": "2001-01-01T00:00:00Z" }""", "effectiveTo")]
    [InlineData("preparation.mri", """{ "value": 1, "effectiveFrom": "next tuesday" }""", "effectiveFrom")]
    [InlineData("preparation.mri", """{ "value": 1, "comment": "x" }""", "comment")]
    public async Task Invalid_rule_input_answers_400_naming_the_field(string key, string body, string field)
    {
        var client = app.ClientFor();
        var department = await client.CreateDepartmentAsync();

        var response = await client.PutAsync($"{department.Location}/rules/{key}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await ErrorFieldsAsync(response)).ShouldBe([field]);
    }

    [Fact]
    public async Task A_rule_value_over_the_size_limit_answers_400()
    {
        var client = app.ClientFor();
        var department = await client.CreateDepartmentAsync();

        var response = await client.PutAsJsonAsync($"{department.Location}/rules/big", new { value = new string('x', 16 * 1024) });

        (await ErrorFieldsAsync(response)).ShouldBe(["value"]);
    }

    [Fact]
    public async Task Concurrent_versions_of_one_key_never_overlap()
    {
        var client = app.ClientFor();
        var rule = $"{(await client.CreateDepartmentAsync()).Location}/rules/capacity";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PutAsJsonAsync(rule, new { value = i, effectiveFrom = January.AddDays(i * 7 % 8) })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var versions = Versions(await client.GetJsonAsync(rule));
        versions.Zip(versions.Skip(1)).ShouldAllBe(pair => pair.First.To != null && pair.First.To <= pair.Second.From);
        versions[^1].To.ShouldBeNull();
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_rules_and_writes_nothing()
    {
        var owner = app.ClientFor();
        var department = await owner.CreateDepartmentAsync();
        var rules = $"{department.Location}/rules";
        await PutAsync(owner, $"{rules}/preparation.mri", new { value = "owner's" });
        var other = app.ClientFor();

        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync(rules), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync($"{rules}/preparation.mri"), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await other.PutAsJsonAsync($"{rules}/preparation.mri", new { value = "theirs" }), HttpStatusCode.NotFound);

        Versions(await owner.GetJsonAsync($"{rules}/preparation.mri")).ShouldHaveSingleItem().Value.ShouldBe("owner's");
    }

    [Fact]
    public async Task Clinical_roles_read_rules_but_only_admins_set_them()
    {
        var tenant = Guid.CreateVersion7();
        var rules = $"{(await app.ClientFor(tenant).CreateDepartmentAsync()).Location}/rules";
        var doctor = WithRoles(app, tenant, "Doctor");

        (await doctor.GetAsync(rules)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.PutAsJsonAsync($"{rules}/preparation.mri", new { value = 1 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_rules_contract_answers_the_version_in_effect_for_this_tenant_only()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var department = await client.CreateDepartmentAsync();
        await PutAsync(client, $"{department.Location}/rules/preparation.mri", new { value = new { fastingHours = 6 }, effectiveFrom = January, effectiveTo = January.AddYears(1) });

        var inEffect = await WithRulesAsync(tenant, rules => rules.FindAsync(department.Id, "preparation.mri", January.AddMonths(1), CancellationToken.None));
        var before = await WithRulesAsync(tenant, rules => rules.FindAsync(department.Id, "preparation.mri", January.AddDays(-1), CancellationToken.None));
        var otherTenant = await WithRulesAsync(Guid.CreateVersion7(), rules => rules.InEffectAsync(department.Id, January.AddMonths(1), CancellationToken.None));

        inEffect.ShouldNotBeNull().Value.GetProperty("fastingHours").GetInt32().ShouldBe(6);
        inEffect.EffectiveFrom.ShouldBe(January);
        before.ShouldBeNull();
        otherTenant.ShouldBeEmpty();
    }

    private async Task<T> WithRulesAsync<T>(Guid tenant, Func<IDepartmentRules, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, null);
        return await read(scope.ServiceProvider.GetRequiredService<IDepartmentRules>());
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, string rule, object body) =>
        await (await client.PutAsJsonAsync(rule, body)).JsonAsync();

    private static List<(string Value, DateTimeOffset From, DateTimeOffset? To)> Versions(JsonElement timeline) =>
        [.. timeline.GetProperty("versions").EnumerateArray().Select(v => (
            v.GetProperty("value").ValueKind == JsonValueKind.String ? v.GetProperty("value").GetString()! : v.GetProperty("value").GetRawText(),
            v.GetProperty("effectiveFrom").GetDateTimeOffset(),
            v.GetProperty("effectiveTo").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : v.GetProperty("effectiveTo").GetDateTimeOffset()))];
}

[Collection(PostgresCollection.Name)]
public sealed class DepartmentRuleTests_on_Postgres(PostgresApp app) : DepartmentRuleTests(app);

[Collection(SqliteCollection.Name)]
public sealed class DepartmentRuleTests_on_Sqlite(SqliteApp app) : DepartmentRuleTests(app);
