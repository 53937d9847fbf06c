using NetWatch.Core.Events;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// One user logged on (interactive Windows logon) at two computers at the same time. One finding per
/// pair of overlapping logons, covering the overlap.
/// </summary>
public static class ConcurrentLogonDetector
{
    public static IEnumerable<Finding> Detect(AttributionIndex index)
    {
        var logons = index.Users.Holdings
            .Where(h => h.Evidence.Source == AttributionSources.Logon)
            .GroupBy(h => h.Holder, StringComparer.OrdinalIgnoreCase);
        foreach (var user in logons)
        {
            var sorted = user.OrderBy(h => h.Start).ToList();
            for (var i = 0; i < sorted.Count; i++)
            for (var j = i + 1; j < sorted.Count && sorted[j].Start < (sorted[i].End ?? NodaTime.Instant.MaxValue); j++)
            {
                var (a, b) = (sorted[i], sorted[j]);
                if (a.Ip == b.Ip) continue;
                var end = Min(a.End, b.End);
                var names = new[] { Name(index, a), Name(index, b) };
                yield return new Finding
                {
                    Kind = FindingKinds.ConcurrentLogon,
                    Description = $"{user.Key} was logged on at {names[0]} and {names[1]} at the same time",
                    RelatedUser = user.Key,
                    RelatedDevice = string.Join(", ", names),
                    RelatedIp = $"{IpKey.Format(a.Ip)}, {IpKey.Format(b.Ip)}",
                    Start = b.Start,
                    End = end,
                    Evidence = $"{a.Evidence.Origin}; {b.Evidence.Origin}",
                };
            }
        }
    }

    private static NodaTime.Instant? Min(NodaTime.Instant? a, NodaTime.Instant? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static string Name(AttributionIndex index, Holding h) =>
        index.Devices.ByIp(h.Ip)?.Name ?? h.Evidence.HostName ?? IpKey.Format(h.Ip);
}
