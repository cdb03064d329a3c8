namespace HealthCore.Tests.Support;

internal static class IdempotentRetry
{
    /// <summary>
    /// Sends the POST twice with one Idempotency-Key and proves that the retry replays the first response (same status,
    /// same body, marked replayed) instead of acting again.
    /// </summary>
    public static async Task ShouldReplayAsync(HttpClient client, string path, object body, HttpStatusCode status)
    {
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Keyed(path, body, key));
        var retry = await client.SendAsync(Keyed(path, body, key));

        first.StatusCode.ShouldBe(status, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(status, await retry.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Keyed(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
