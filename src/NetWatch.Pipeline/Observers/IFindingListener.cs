using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// What wants to know of findings as they are first stored (alerts: a shared password raises one alert). Findings
/// grow after they are first written (counts, end); a listener hears of each one once, in the session that stores
/// it, so what it writes commits with the finding and a re-import or a restart (which find it stored) raises nothing again.
/// </summary>
public interface IFindingListener
{
    Task FirstStoredAsync(IReadOnlyList<NetEvent> findings, IWriteSession session, CancellationToken cancellationToken);
}
