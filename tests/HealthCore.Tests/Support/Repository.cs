namespace HealthCore.Tests.Support;

internal static class Repository
{
    /// <summary>The checkout the tests were built from: the folder above the test output that holds HealthCore.slnx.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HealthCore.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HealthCore.slnx not found above the test output folder.");
    }
}
