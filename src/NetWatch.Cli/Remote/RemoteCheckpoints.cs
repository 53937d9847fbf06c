using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Cli.Remote;

/// <summary><see cref="ICheckpointReader"/> over <c>GET /api/sources</c>: each source's committed position and totals.</summary>
internal sealed class RemoteCheckpoints(ApiClient api) : ICheckpointReader
{
    public async Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var document = (await api.GetJsonAsync("api/sources", cancellationToken))!;
        return document.RootElement.GetProperty("sources").EnumerateArray().Select(s => new StoredCheckpoint(
            new Checkpoint(s.GetProperty("source").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("position").GetString()!),
            new CheckpointTotals(s.GetProperty("lines_read").GetInt64(), s.GetProperty("events_stored").GetInt64(),
                s.GetProperty("duplicates").GetInt64(), s.GetProperty("dead_letters").GetInt64()),
            RemoteEventSearch.Time(s, "updated_at")!.Value)).ToDictionary(c => c.Checkpoint.Source, StringComparer.Ordinal);
    }
}
