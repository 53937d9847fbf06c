using NetWatch.Core.Events;

namespace NetWatch.Storage;

/// <summary>
/// Why the store cannot take an event: a field its table requires (NOT NULL) is missing. Checked before appending,
/// so one bad event is rejected with its reason instead of failing its whole batch.
/// </summary>
internal static class EventRejection
{
    public static string? Reason(NetEvent e) =>
        e.Origin.Source is null ? "origin source is missing"
        : e.Action is null ? "event.action is missing"
        : e.Dataset is null ? "event.dataset is missing"
        : e.ObserverProduct is null ? "observer.product is missing"
        : e.Url?.Original is null ? "url.original is missing"
        : null;
}
