using FsCheck;
using FsCheck.Fluent;
using NetWatch.Core.Events;
using NetWatch.Core.Tests.Policy;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>The visits' property tests' input: two people's requests to three sites over a quarter of an hour, roughly in
/// time order as in a log (each request up to 90 s out of place).</summary>
internal static class VisitLogs
{
    public static readonly Instant T0 = PolicyEvents.Local(2026, 11, 24, 9, 0);
    public static readonly Duration Gap = Duration.FromMinutes(1);

    /// <summary>A request <paramref name="seconds"/> after <see cref="T0"/>.</summary>
    public static NetEvent At(int seconds, string user, string site) =>
        PolicyEvents.Make(T0.Plus(Duration.FromSeconds(seconds)), $"http://www.{site}.com/", [], "staff", user: user);

    public static Arbitrary<List<(int Seconds, string User, string Site)>> Requests =>
        Gen.ListOf(
            from seconds in Gen.Choose(0, 900)
            from user in Gen.Elements("j.smith", "a.patel")
            from site in Gen.Elements("facebook", "bbc", "tiktok")
            select (seconds, user, site)).ToArbitrary();

    /// <summary>Where generated cuts split <paramref name="count"/> events into batches: in order, each once, the last at the end.</summary>
    public static IEnumerable<int> CutPoints(IEnumerable<int> cuts, int count) =>
        cuts.Append(count).Where(c => c > 0 && c <= count).Distinct().Order();

    /// <summary>The requests as a log's events, made by <paramref name="at"/>.</summary>
    public static List<NetEvent> InLogOrder(IEnumerable<(int Seconds, string User, string Site)> requests, Func<int, string, string, NetEvent> at) =>
        requests.Select((r, i) => at(Math.Max(0, r.Seconds % 90 + i * 7), r.User, r.Site)).ToList();
}
