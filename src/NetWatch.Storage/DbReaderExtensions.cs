using System.Data.Common;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>Reading NodaTime instants back: the store keeps UTC in TIMESTAMP columns, which come back unspecified-kind.</summary>
internal static class DbReaderExtensions
{
    public static Instant GetInstant(this DbDataReader r, int i) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    public static Instant? GetInstantOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInstant(i);
}
