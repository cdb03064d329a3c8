using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthCore.Tests.Modules.Notifications;

internal enum SmtpStage
{
    Recipient,
    Data,
}

/// <summary>One message the listener accepted, with the headers and body decoded enough for assertions.</summary>
internal sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Body, string Raw);

/// <summary>
/// A tiny SMTP server on 127.0.0.1 for tests: speaks 220, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT,
/// records what it accepts, and can be told to answer a recipient's RCPT TO or DATA with a 4xx/5xx code a number of times.
/// </summary>
internal sealed partial class SmtpListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Failure> failures = new(StringComparer.OrdinalIgnoreCase);

    public SmtpListener()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Mail accepted for the recipient.</summary>
    public IReadOnlyList<ReceivedMail> To(string recipient) =>
        received.Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Transactions that named the recipient in RCPT TO, whatever their outcome.</summary>
    public int AttemptsFor(string recipient) => attempts.GetValueOrDefault(recipient);

    public void Fail(string recipient, SmtpStage stage, int code, int times = int.MaxValue) =>
        failures[recipient] = new Failure(stage, code, times);

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        try
        {
            var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 127.0.0.1 test SMTP ready");
            var session = new Session();
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var reply = await HandleAsync(line, session, reader, writer);
                await writer.WriteLineAsync(reply);
                if (reply.StartsWith("221", StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The client hung up (SmtpClient may drop the connection after a refusal).
        }
    }

    private async Task<string> HandleAsync(string line, Session session, StreamReader reader, StreamWriter writer)
    {
        var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
        switch (command)
        {
            case "EHLO":
                return "250-127.0.0.1 hello\r\n250 8BITMIME";
            case "HELO":
                return "250 127.0.0.1 hello";
            case "MAIL":
                session.Reset(Address(line));
                return "250 OK";
            case "RCPT":
                var recipient = Address(line);
                attempts.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                if (TakeFailure(recipient, SmtpStage.Recipient) is { } refused)
                {
                    return $"{refused} Recipient refused by the test server";
                }

                session.Recipients.Add(recipient);
                return "250 OK";
            case "DATA":
                if (session.Recipients.Count == 0)
                {
                    return "554 No valid recipients";
                }

                return await ReadDataAsync(session, reader, writer);
            case "RSET":
                session.Reset("");
                return "250 OK";
            case "NOOP":
                return "250 OK";
            case "QUIT":
                return "221 Bye";
            default:
                return "502 Command not implemented";
        }
    }

    private async Task<string> ReadDataAsync(Session session, StreamReader reader, StreamWriter writer)
    {
        // The 354 goes out before the content; HandleAsync's caller writes the final reply.
        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
        var raw = new StringBuilder();
        while (await reader.ReadLineAsync(stopping.Token) is { } line && line != ".")
        {
            raw.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        foreach (var recipient in session.Recipients)
        {
            if (TakeFailure(recipient, SmtpStage.Data) is { } failed)
            {
                return $"{failed} Transaction failed at the test server";
            }
        }

        received.Enqueue(Parse(session.From, [.. session.Recipients], raw.ToString()));
        return "250 OK queued";
    }

    private int? TakeFailure(string recipient, SmtpStage stage)
    {
        while (failures.TryGetValue(recipient, out var failure) && failure.Stage == stage && failure.Remaining > 0)
        {
            if (failures.TryUpdate(recipient, failure with { Remaining = failure.Remaining == int.MaxValue ? int.MaxValue : failure.Remaining - 1 }, failure))
            {
                return failure.Code;
            }
        }

        return null;
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static ReceivedMail Parse(string from, IReadOnlyList<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? raw : raw[..split];
        var body = split < 0 ? "" : raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in headerText.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        foreach (var name in headers.Keys.ToList())
        {
            var adjacent = BetweenEncodedWords().Replace(headers[name], "?==?");
            headers[name] = EncodedWord().Replace(adjacent, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
        }

        if (headers.TryGetValue("Content-Transfer-Encoding", out var encoding) && encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)));
        }
        else if (encoding?.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = DecodeQuotedPrintable(body);
        }

        return new ReceivedMail(from, recipients, headers, body, raw);
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var unfolded = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex(@"=\?utf-8\?B\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenEncodedWords();

    private sealed record Failure(SmtpStage Stage, int Code, int Remaining);

    private sealed class Session
    {
        public string From { get; private set; } = "";

        public List<string> Recipients { get; } = [];

        public void Reset(string from)
        {
            From = from;
            Recipients.Clear();
        }
    }
}
