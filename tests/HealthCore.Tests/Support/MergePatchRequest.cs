using System.Net.Http.Headers;
using System.Text;

namespace HealthCore.Tests.Support;

internal static class MergePatchRequest
{
    /// <summary>A PATCH with a raw JSON merge patch body (so null and absent members can be told apart) and If-Match.</summary>
    public static HttpRequestMessage Create(string url, string json, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json") };
        request.Headers.IfMatch.Add(ifMatch);
        return request;
    }
}
