using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HealthCore.Platform.Database;

/// <summary>
/// Instants are always UTC. PostgreSQL stores them as timestamptz (which only accepts offset 0).
/// SQLite stores them as fixed-width ISO 8601 UTC text, so that ORDER BY and comparisons done by the
/// database give the same answers as PostgreSQL (EF cannot translate either for DateTimeOffset on SQLite).
/// </summary>
internal static class InstantStorage
{
    public const string SqliteFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    public static void Configure(ModelConfigurationBuilder configuration, bool isSqlite)
    {
        if (isSqlite)
        {
            configuration.Properties<DateTimeOffset>().HaveConversion<SqliteInstantConverter>();
        }
        else
        {
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        }
    }

    public static string ToSqliteText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromSqliteText(string text) =>
        new(DateTime.ParseExact(text, SqliteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private sealed class SqliteInstantConverter() : ValueConverter<DateTimeOffset, string>(
        instant => ToSqliteText(instant),
        text => FromSqliteText(text));

    private sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        instant => instant.ToUniversalTime(),
        stored => stored.ToUniversalTime());
}
