using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealthCore.Tests.Support;

/// <summary>
/// The database round trips one request makes: EF's commands and commits (from its DiagnosticListener), attributed to
/// the request that carries <see cref="Header"/>, so background work and parallel tests do not count.
/// </summary>
public sealed class RoundTrips
{
    public const string Header = "X-Test-Round-Trips";

    private const string Commit = "COMMIT";
    private const string Savepoint = "SAVEPOINT";
    private const string Opened = "(connection opened)";
    private static readonly string[] Markers = [Commit, Savepoint, Opened];
    private static readonly ConcurrentDictionary<string, RoundTrips> Open = new();
    private static readonly AsyncLocal<RoundTrips?> Current = new();
    private readonly ConcurrentQueue<string> events = new();

    static RoundTrips() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    private RoundTrips(string id) => Id = id;

    public string Id { get; }

    /// <summary>Every command's text, except the audit trail's own statements (a batch that also writes audit rows counts).</summary>
    public IReadOnlyList<string> Commands => [.. events.Where(e => !Markers.Contains(e) && !IsAuditOnly(e))];

    /// <summary>The commands before the first write: the lookups a request makes before it changes anything.</summary>
    public IReadOnlyList<string> Reads => [.. Commands.TakeWhile(c => c.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))];

    public int Commits => events.Count(e => e == Commit);

    /// <summary>Savepoints created or released: each is a statement of its own on PostgreSQL.</summary>
    public int Savepoints => events.Count(e => e == Savepoint);

    /// <summary>Connections taken from the pool: on PostgreSQL each one is reset (DISCARD ALL) when it goes back.</summary>
    public int ConnectionsOpened => events.Count(e => e == Opened);

    public IReadOnlyList<string> All => [.. events];

    /// <summary>Sends the request with the header and returns the response and what it cost.</summary>
    public static async Task<(HttpResponseMessage Response, RoundTrips Trips)> CountAsync(HttpClient client, HttpRequestMessage request)
    {
        var trips = new RoundTrips(Guid.NewGuid().ToString("N"));
        Open[trips.Id] = trips;
        request.Headers.Add(Header, trips.Id);
        try
        {
            return (await client.SendAsync(request), trips);
        }
        finally
        {
            Open.TryRemove(trips.Id, out _);
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, events.Select((e, i) => $"{i + 1}. {e}"));

    private static bool IsAuditOnly(string command)
    {
        return command.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(statement => statement.Contains("audit_", StringComparison.Ordinal));
    }

    /// <summary>Marks the requests that carry the header; registered by <see cref="HealthCoreApp"/>.</summary>
    internal sealed class Marker : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var id) && Open.TryGetValue(id.ToString(), out var trips))
                {
                    Current.Value = trips;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new EventObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Current.Value is not { } trips)
            {
                return;
            }

            if (value.Key == RelationalEventId.CommandExecuted.Name || value.Key == RelationalEventId.CommandError.Name)
            {
                trips.events.Enqueue(((CommandEndEventData)value.Value!).Command.CommandText.Trim());
            }
            else if (value.Key == RelationalEventId.TransactionCommitted.Name)
            {
                trips.events.Enqueue(Commit);
            }
            else if (value.Key == RelationalEventId.CreatedTransactionSavepoint.Name || value.Key == RelationalEventId.ReleasedTransactionSavepoint.Name)
            {
                trips.events.Enqueue(Savepoint);
            }
            else if (value.Key == RelationalEventId.ConnectionOpened.Name)
            {
                trips.events.Enqueue(Opened);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
