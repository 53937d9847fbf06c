namespace NetWatch.Storage.Contracts.Writing;

/// <summary>
/// A writer that may trade its store's parallel work for write throughput while the live store stage is behind (a
/// backlog, or a feed faster than the machine: <c>PipelineOptions.BehindAfter</c>), and takes it back once the stage
/// keeps up. Optional: a writer without it is told nothing.
/// </summary>
public interface IBehindAware
{
    /// <summary>
    /// The stage is behind and writing (true), or keeps up again (false); called only when that changes, between calls of
    /// the stage. Behind, the stage also says false when it has committed a session and waits, writing nothing, for a
    /// checkpoint of the store that the commit started (<see cref="ISideFile.CheckpointIfDue"/>), and true again before
    /// its next session: what the writer held back while writing may serve the checkpoint.
    /// </summary>
    void Behind(bool behind);
}
