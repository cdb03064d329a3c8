using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HealthCore.Platform.Database;

/// <summary>
/// Instants are always UTC. PostgreSQL stores them as timestamptz (which only accepts offset 0).
/// SQLite stores them as fixed-width ISO 8601 UTC text, so that ORDER BY and comparisons done by the
/// database give the same answers as PostgreSQL (EF cannot translate either for DateTimeOffset on SQLite).
/// Both keep whole microseconds, truncated towards the past: timestamptz cannot hold .NET's 100 ns ticks, and Npgsql
/// would round them towards 2000-01-01 (up before 2000, down after), merging instants that SQLite keeps apart.
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
        ToStoredPrecision(instant).UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant in UTC, truncated to the microsecond: what either provider stores and reads back.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static DateTimeOffset FromSqliteText(string text) =>
        new(DateTime.ParseExact(text, SqliteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private sealed class SqliteInstantConverter() : ValueConverter<DateTimeOffset, string>(
        instant => ToSqliteText(instant),
        text => FromSqliteText(text));

    private sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        instant => ToStoredPrecision(instant),
        stored => stored.ToUniversalTime());
}
