using System.Collections.Concurrent;

namespace HealthCore.Tests.Platform.Observability;

internal sealed record CapturedLog(
    string Category,
    LogLevel Level,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    IReadOnlyList<KeyValuePair<string, object?>> Scopes,
    string? Exception)
{
    public object? StateValue(string key) => State.FirstOrDefault(p => p.Key == key).Value;

    public object? ScopeValue(string key) => Scopes.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Everything a log sink could write for this entry.</summary>
    public string AllText() => string.Join('\n', new[] { Category, Message, Exception ?? "" }
        .Concat(State.Select(p => $"{p.Key}={p.Value}"))
        .Concat(Scopes.Select(p => $"{p.Key}={p.Value}")));
}

/// <summary>Keeps every log entry with its structured state and the scopes around it, as the JSON console would see them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeValues = new List<KeyValuePair<string, object?>>();
            provider.scopes.ForEachScope(
                (scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        values.AddRange(pairs);
                    }
                    else
                    {
                        values.Add(new("", scope?.ToString()));
                    }
                },
                scopeValues);
            var stateValues = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            provider.entries.Enqueue(new CapturedLog(
                category, logLevel, formatter(state, exception), [.. stateValues], scopeValues, exception?.ToString()));
        }
    }
}
