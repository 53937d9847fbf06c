using System.Runtime.CompilerServices;
using NetWatch.Core.Alerts;

namespace NetWatch.Api.Tests.Fakes;

/// <summary>A live feed that publishes the given items and ends (so an SSE request answers and completes in a test).</summary>
public sealed class FixedAlertFeed(params AlertFeedItem[] items) : IAlertFeed
{
    public async IAsyncEnumerable<AlertFeedItem> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
