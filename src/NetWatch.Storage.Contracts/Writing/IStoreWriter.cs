namespace NetWatch.Storage.Contracts.Writing;

/// <summary>
/// The write side. Everything one batch causes (its events, dead letters, what observers derived from it and the
/// source's checkpoint) is written through one <see cref="IWriteSession"/>, committed together where the store can
/// (DuckDB: one transaction). A store that cannot (Elasticsearch) writes in the session's order and relies on
/// deterministic ids to make a replay after a crash harmless.
/// </summary>
public interface IStoreWriter
{
    /// <summary>Starts a unit of work. One session at a time per writer.</summary>
    IWriteSession Begin();
}
