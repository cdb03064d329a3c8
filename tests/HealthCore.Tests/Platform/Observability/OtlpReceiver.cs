using System.Collections.Concurrent;

namespace HealthCore.Tests.Platform.Observability;

internal sealed record OtlpRequest(string Path, string? ContentType, byte[] Body);

/// <summary>A stand-in OpenTelemetry collector: accepts OTLP/HTTP exports on a loopback port and keeps their raw bodies.</summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<OtlpRequest> requests = new();
    private readonly Task loop;

    public OtlpReceiver()
    {
        Port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public Uri TracesEndpoint => new($"http://127.0.0.1:{Port}/v1/traces");

    public IReadOnlyList<OtlpRequest> Requests => [.. requests];

    public void Dispose()
    {
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            requests.Enqueue(new OtlpRequest(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
