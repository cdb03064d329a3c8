using System.Net.Http.Headers;

namespace HealthCore.Tests.Support;

/// <summary>
/// Proves that a tenant's resources are invisible to another tenant (or, with <see cref="BetweenFacilities"/>, a
/// facility's resources to a user of the same tenant assigned to other facilities): every probe (GET, PATCH, PUT, DELETE or a POST
/// action on the resource) sent as the other tenant answers a 404 problem, even with the resource's current ETag in
/// If-Match; every list sent as the other tenant answers 200 without the resource; and afterwards the owner reads each
/// watched resource exactly as before (same body, same ETag). Give the other tenant's client a role that may call every
/// probe (e.g. Admin), so that a 404 cannot be a 403 in disguise.
/// <code>
/// await TenantIsolation.Between(owner, otherTenant)
///     .Watching($"/api/v1/users/{id}")
///     .Get($"/api/v1/users/{id}")
///     .Patch($"/api/v1/users/{id}", new { displayName = "taken over" })
///     .Post($"/api/v1/users/{id}/deactivate")
///     .ListWithout("/api/v1/users", id)
///     .ListWithout($"/api/v1/audit?entityId={id}", id)
///     .ShouldHoldAsync();
/// </code>
/// With <see cref="CoveringEvery"/> the check also fails when an endpoint of the given list has no probe, so that a new
/// endpoint cannot be forgotten.
/// </summary>
public sealed class TenantIsolation
{
    private readonly HttpClient owner;
    private readonly HttpClient otherTenant;
    private readonly List<string> watched = [];
    private readonly List<(HttpMethod Method, string Url, object? Body)> probes = [];
    private readonly List<(string Url, string Id)> lists = [];
    private readonly List<ApiEndpoint> required = [];
    private readonly string stranger;

    private TenantIsolation(HttpClient owner, HttpClient otherTenant, string stranger)
    {
        this.owner = owner;
        this.otherTenant = otherTenant;
        this.stranger = stranger;
    }

    /// <summary><paramref name="owner"/> acts for the tenant that owns the data, <paramref name="otherTenant"/> for another tenant.</summary>
    public static TenantIsolation Between(HttpClient owner, HttpClient otherTenant) => new(owner, otherTenant, "another tenant");

    /// <summary>
    /// <paramref name="owner"/> sees the facility that owns the data, <paramref name="outsider"/> is a user of the same
    /// tenant assigned only to other facilities: facility-owned data must be as invisible to them as to another tenant.
    /// </summary>
    public static TenantIsolation BetweenFacilities(HttpClient owner, HttpClient outsider) => new(owner, outsider, "a user of another facility");

    /// <summary>Every one of these endpoints (e.g. <see cref="ModuleEndpoints.Of"/>) must have a probe or a list, except those exempted with a reason.</summary>
    public TenantIsolation CoveringEvery(IEnumerable<ApiEndpoint> endpoints, params string[] exempt)
    {
        var all = endpoints.ToList();
        all.ShouldNotBeEmpty("no endpoints to cover: is the module namespace right?");
        exempt.Where(name => !all.Any(endpoint => endpoint.ToString() == name)).ShouldBeEmpty("exempted endpoints that do not exist");
        required.AddRange(all.Where(endpoint => !exempt.Contains(endpoint.ToString())));
        return this;
    }

    /// <summary>Resources the owner reads (200) before and after the probes; they must come back unchanged.</summary>
    public TenantIsolation Watching(params string[] urls)
    {
        watched.AddRange(urls);
        return this;
    }

    public TenantIsolation Get(string url) => Probe(HttpMethod.Get, url, null);

    public TenantIsolation Patch(string url, object body) => Probe(HttpMethod.Patch, url, body);

    public TenantIsolation Put(string url, object body) => Probe(HttpMethod.Put, url, body);

    public TenantIsolation Delete(string url) => Probe(HttpMethod.Delete, url, null);

    /// <summary>A POST action on the resource (e.g. /users/{id}/deactivate), with a body when the action takes one.</summary>
    public TenantIsolation Post(string url, object? body = null) => Probe(HttpMethod.Post, url, body);

    /// <summary>A list or search the other tenant may call (200) whose body must not mention <paramref name="id"/> anywhere.</summary>
    public TenantIsolation ListWithout(string url, object id)
    {
        lists.Add((url, id.ToString()!));
        return this;
    }

    public async Task ShouldHoldAsync()
    {
        var probed = probes.Select(p => (p.Method.Method, p.Url)).Concat(lists.Select(l => ("GET", l.Url))).ToList();
        required.Where(endpoint => !probed.Any(p => endpoint.Matches(p.Item1, p.Item2))).Select(endpoint => endpoint.ToString())
            .ShouldBeEmpty($"endpoints without a probe as {stranger}: add one (or exempt it with a reason)");

        if (probes.Any(p => p.Method != HttpMethod.Get) && watched.Count == 0)
        {
            throw new InvalidOperationException("Probes that write need a watched resource to prove that nothing changed.");
        }

        var before = await SnapshotAsync();
        foreach (var (method, url, body) in probes)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            // The owner's current ETag: a stranger who somehow knows it must still find nothing.
            if (method != HttpMethod.Get && (before.FirstOrDefault(s => url.StartsWith(s.Url, StringComparison.Ordinal)) ?? before[0]).ETag is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }

            var response = await otherTenant.SendAsync(request);
            var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
            problem.GetProperty("status").GetInt32().ShouldBe(404, $"{method} {url} as {stranger}");
        }

        foreach (var (url, id) in lists)
        {
            var response = await otherTenant.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url} as {stranger}: {body}");
            body.ShouldNotContain(id, Case.Insensitive, $"GET {url} as {stranger} shows the owner's resource");
        }

        (await SnapshotAsync()).ShouldBe(before, $"the owner's resources changed while {stranger} probed them");
    }

    private TenantIsolation Probe(HttpMethod method, string url, object? body)
    {
        probes.Add((method, url, body));
        return this;
    }

    private async Task<List<Snapshot>> SnapshotAsync()
    {
        var snapshots = new List<Snapshot>();
        foreach (var url in watched)
        {
            var response = await owner.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"the owner reads GET {url}: {body}");
            snapshots.Add(new Snapshot(url, response.Headers.ETag, body));
        }

        return snapshots;
    }

    private sealed record Snapshot(string Url, EntityTagHeaderValue? ETag, string Body);
}
