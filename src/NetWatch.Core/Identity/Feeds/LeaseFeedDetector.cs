using System.Text.RegularExpressions;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>Recognises a lease / logon feed from its first lines.</summary>
public static partial class LeaseFeedDetector
{
    [GeneratedRegex(@"^\s*lease\s+[0-9a-fA-F:.]+\s*\{")]
    private static partial Regex IscLease();

    [GeneratedRegex(@"\bdhcpd(\[\d+\])?:\s")]
    private static partial Regex Dhcpd();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}\s*$")]
    private static partial Regex CtimeHeader();

    public static LeaseFeedFormat Detect(IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Take(200))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var text = line.TrimStart('\uFEFF');
            if (IscLease().IsMatch(text) || text.Contains("dhcpd.leases(5)", StringComparison.Ordinal)) return LeaseFeedFormat.IscDhcpdLeases;
            if (text.Contains("Microsoft DHCP Service Activity Log", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("ID,Date,Time,Description", StringComparison.OrdinalIgnoreCase)) return LeaseFeedFormat.WindowsDhcpAudit;
            if (CtimeHeader().IsMatch(text)) return LeaseFeedFormat.FreeRadiusDetail;
            if (text.TrimStart().StartsWith('{')) return LeaseFeedFormat.WindowsLogonJson;
            if (Dhcpd().IsMatch(text)) return LeaseFeedFormat.DhcpdSyslog;
        }
        return LeaseFeedFormat.Unknown;
    }
}
