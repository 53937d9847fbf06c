using EventAttribution = NetWatch.Core.Events.Attribution;

namespace NetWatch.Core.Identity;

/// <summary>
/// What attribution reads of an address's situation for nearly every event, kept by stretch in the timeline (48 bytes):
/// attributing an event with no login, or with the login expected there, reads this one place in memory besides the
/// stretch's start (in a day's log most addresses' data is no longer in the cache, so every extra place read is a wait).
/// </summary>
public readonly record struct AddressMoment(
    string? ExpectedName,
    EventAttribution? ExpectedLogin,
    string? DefaultUser,
    EventAttribution Default,
    bool IsGuest,
    AddressSituation Situation,
    int VolumeCounter)
{
    public static readonly AddressMoment Unknown = Of(AddressSituation.Unknown, volumeCounter: -1);

    /// <param name="volumeCounter">Where the findings count this situation's unattributed requests (see
    /// <see cref="AddressTimeline.VolumeCounters"/>); -1: by the request's address text.</param>
    public static AddressMoment Of(AddressSituation s, int volumeCounter) =>
        new(s.ExpectedName, s.ExpectedLogin, s.DefaultUser, s.Default, s.IsGuest, s, volumeCounter);
}
