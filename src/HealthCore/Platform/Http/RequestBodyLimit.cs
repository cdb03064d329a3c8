using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Http;

/// <summary>
/// Enforces the body limit on every server (Kestrel's own limit is also set); declared lengths are refused
/// up front, streamed bodies as soon as they cross the limit, both as 413.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<HttpOptions> options)
{
    private readonly long limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            throw TooLarge();
        }

        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        return next(context);
    }

    private static BadHttpRequestException TooLarge() =>
        new("The request body exceeds the configured limit.", StatusCodes.Status413PayloadTooLarge);

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            return read > limit ? throw TooLarge() : bytes;
        }
    }
}
