using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// A detector that watches the judged stream and emits records of its own (findings, visits; next, alerts), apart
/// from the enrichers that change events. It sees each written batch's events that were stored for the first time,
/// and writes what it derives through the same session, so it is committed with the batch that caused it: a
/// re-import or a restart after a crash raises nothing twice.
/// </summary>
public interface IEventObserver
{
    /// <summary>After the batch's events are written, before its checkpoint and commit.</summary>
    Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Writes what it holds open: every so often in the service (<paramref name="final"/> false), and once at the end of
    /// the input or at a graceful stop (true).
    /// </summary>
    Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken);
}
