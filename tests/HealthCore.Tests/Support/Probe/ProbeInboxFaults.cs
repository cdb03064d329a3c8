using System.Collections.Concurrent;

namespace HealthCore.Tests.Support.Probe;

/// <summary>
/// Test control over the probe inbox handlers of one app instance: how many times a handler fails for a note title,
/// and how many times each handler was invoked per title.
/// </summary>
internal sealed class ProbeInboxFaults
{
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Handler, string Title), int> invocations = new();

    public void FailRecorder(string title, int times) => failuresLeft[title] = times;

    public int Invocations<THandler>(string title) => invocations.GetValueOrDefault((typeof(THandler).Name, title));

    public void Invoked(string handler, string title, bool mayFail)
    {
        invocations.AddOrUpdate((handler, title), 1, (_, count) => count + 1);
        if (mayFail && TryConsumeFailure(title))
        {
            throw new InvalidOperationException($"Probe inbox fault injected for '{title}'.");
        }
    }

    private bool TryConsumeFailure(string title)
    {
        while (failuresLeft.TryGetValue(title, out var left) && left > 0)
        {
            if (failuresLeft.TryUpdate(title, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
