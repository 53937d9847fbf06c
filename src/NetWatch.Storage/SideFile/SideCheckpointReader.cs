using NetWatch.Storage.Contracts.Checkpoints;
using NodaTime;

namespace NetWatch.Storage.SideFile;

/// <summary>
/// The committed checkpoints when the store has a side file: the main file's, each replaced by the latest one the side
/// file holds for its source and the main file has not taken yet (a batch committed there is stored: its source resumes
/// after it), the side file's counts added to the totals (its events counted as stored: which were duplicates is known
/// only once the main file takes them).
/// </summary>
internal sealed class SideCheckpointReader(ICheckpointReader main, DuckDbSideFile side, IClock clock) : ICheckpointReader
{
    public async Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new Dictionary<string, StoredCheckpoint>(await main.ReadAllAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var (checkpoint, lines, events, dead) in side.PendingCheckpoints())
        {
            var totals = checkpoints.TryGetValue(checkpoint.Source, out var before) ? before.Totals : CheckpointTotals.Zero;
            checkpoints[checkpoint.Source] = new StoredCheckpoint(checkpoint, totals.Plus(new CheckpointTotals(lines, events, 0, dead)), clock.GetCurrentInstant());
        }
        return checkpoints;
    }
}
