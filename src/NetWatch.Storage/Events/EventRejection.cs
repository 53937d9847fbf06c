using NetWatch.Core.Ecs;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Events;

/// <summary>
/// Why the store cannot take an event: a field its table requires (NOT NULL, <see cref="EcsField.Required"/> in the
/// catalogue) is missing. Checked before appending, so one bad event is rejected with its reason instead of failing
/// its whole batch.
/// </summary>
internal static class EventRejection
{
    private static readonly EcsField[] Required = EcsFieldCatalog.Stored.Where(f => f.Required).ToArray();

    public static string? Reason(NetEvent e)
    {
        // A group the required field sits in may itself be missing (url), which its accessor does not expect.
        if (e.Url is null) return "url.original is missing (no url)";
        foreach (var field in Required)
            if (!field.HasValue(e)) return field.Name + " is missing";
        return null;
    }
}
