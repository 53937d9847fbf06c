using DuckDB.NET.Data;

namespace NetWatch.Storage.Events;

/// <summary>
/// Refuses a store written by a newer NetWatch before this build changes anything in it. A newer build may store a value
/// in a representation this build does not know (version 2 leaves url.path, url.query and url.domain_unicode empty where
/// url.original gives them), so reading or writing such a store here would show wrong values or mix the two. An older
/// store (or a new, empty one) is fine: this build reads every earlier representation and migrates what it must.
/// </summary>
internal static class StoreVersionCheck
{
    public const string Key = "schema_version";

    /// <summary>Throws <see cref="NewerStoreException"/> when the store's schema_version is above <see cref="StoreSchema.Version"/>.
    /// Reads only: run it before any statement that creates or migrates a table.</summary>
    public static void Ensure(DuckDBConnection connection, string directory)
    {
        if (Stored(connection) is { } stored && stored > StoreSchema.Version)
            throw new NewerStoreException(directory, stored, StoreSchema.Version);
    }

    /// <summary>The version the store records, or null for a new store (or one from before the version was kept).</summary>
    private static int? Stored(DuckDBConnection connection) =>
        StoreInfo.Get(connection, Key) is { } text && int.TryParse(text, out var version) ? version : null;
}

/// <summary>The store was written by a newer NetWatch than this one (<see cref="StoreVersionCheck"/>).</summary>
public sealed class NewerStoreException(string directory, int stored, int known) : InvalidOperationException(
    $"the store in {directory} was written by a newer NetWatch (store schema version {stored}; this build knows up to {known}): " +
    "run that version or a later one on it; nothing was changed")
{
    public int StoredVersion { get; } = stored;
    public int KnownVersion { get; } = known;
}
