namespace HealthCore.Tests.Modules.Clinical;

internal static class ErrorAssertions
{
    /// <summary>Field errors compared by content: Shouldly compares the message arrays of a dictionary by reference.</summary>
    public static void ShouldBeErrors(this IReadOnlyDictionary<string, string[]> errors, params (string Field, string Message)[] expected) =>
        errors.SelectMany(error => error.Value.Select(message => (error.Key, message))).OrderBy(e => e.Key, StringComparer.Ordinal)
            .ShouldBe(expected.OrderBy(e => e.Field, StringComparer.Ordinal));
}
