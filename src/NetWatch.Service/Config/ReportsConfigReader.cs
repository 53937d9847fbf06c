using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MimeKit;
using NetWatch.Service.Alerts;
using NetWatch.Service.Reports;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Service.Config;

/// <summary>
/// Reads the <c>reports:</c> section (README, "The web app": a contract): <c>chromium</c>, and <c>weekly</c> with
/// <c>day</c>, <c>time</c>, <c>to</c>, <c>school</c> (an id, <c>trust</c>, or <c>each</c>: one e-mail per school),
/// <c>schools</c> (with <c>each</c>: a school's own recipients, by id or name), <c>link</c>, <c>smtp</c> (the name of an
/// e-mail channel of the <c>alerts:</c> section, whose server, sender and credentials it uses). Every bad value names
/// the file and line.
/// </summary>
internal static partial class ReportsConfigReader
{
    public const string Trust = "trust";
    public const string Each = "each";

    [GeneratedRegex(@"^reports(:(chromium|weekly(:(day|time|school|link|smtp|to(:\d+)?|schools(:[^:]+(:\d+)?)?))?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Key();

    public static bool IsKey(string key) => Key().IsMatch(key);

    public static ReportsSettings Read(ConfigReader r, IConfiguration config, AlertsSettings? alerts, Core.Events.Organization? school)
    {
        var chromium = r.String("reports:chromium");
        if (chromium is not null && !File.Exists(chromium))
            throw r.Error("reports:chromium", $"there is no Chromium at '{chromium}' (the browser that prints the termly report's PDF)");
        return new ReportsSettings { Chromium = chromium, Weekly = ReadWeekly(r, config, alerts, school) };
    }

    private static WeeklyReportSettings? ReadWeekly(ConfigReader r, IConfiguration config, AlertsSettings? alerts, Core.Events.Organization? school)
    {
        const string key = "reports:weekly";
        if (!config.GetSection(key).Exists()) return null;
        var day = WeeklyReportSettings.DefaultDay;
        if (r.String(key + ":day") is { } dayText)
            day = Enum.TryParse<IsoDayOfWeek>(dayText, ignoreCase: true, out var d) && d != IsoDayOfWeek.None && !int.TryParse(dayText, out _)
                ? d : throw r.Error(key + ":day", $"'{dayText}' is not a day of the week such as monday");
        var time = WeeklyReportSettings.DefaultTime;
        if (r.String(key + ":time") is { } timeText)
        {
            var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(timeText);
            time = parsed.Success ? parsed.Value : throw r.Error(key + ":time", $"'{timeText}' is not a time of day such as 07:30");
        }
        var to = new List<string>();
        if (r.String(key + ":to") is not null) to.Add(Address(r, key + ":to"));
        foreach (var item in config.GetSection(key + ":to").GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
            to.Add(Address(r, item.Path));
        var schoolText = r.String(key + ":school");
        var each = string.Equals(schoolText, Each, StringComparison.OrdinalIgnoreCase);
        var schoolTo = ReadSchools(r, config, key + ":schools", each);
        // With each school, a school's recipients may come from its SLT accounts alone: 'to' is then optional.
        if (to.Count == 0 && !each) throw r.Error(key, "the weekly report needs 'to' (at least one address: the head's, the governors' clerk's)");
        var channels = alerts?.Email ?? [];
        if (channels.Count == 0)
            throw r.Error(key, "the weekly report is sent with the SMTP settings of the alerts section: it needs an email channel in alerts.channels");
        var smtpName = r.String(key + ":smtp");
        var smtp = smtpName is null ? channels[0] : channels.FirstOrDefault(c => c.Name == smtpName)
            ?? throw r.Error(key + ":smtp", $"there is no email channel named '{smtpName}' in alerts.channels (there is {string.Join(", ", channels.Select(c => c.Name))})");
        var link = r.String(key + ":link") ?? alerts?.Link;
        if (r.String(key + ":link") is { } l && !(Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            throw r.Error(key + ":link", $"'{l}' is not an http or https URL (the web app's address)");
        return new WeeklyReportSettings(day, time, to, smtp)
        {
            School = each ? null : schoolText is null ? school?.Id : schoolText.Equals(Trust, StringComparison.OrdinalIgnoreCase) ? null : schoolText,
            EachSchool = each,
            SchoolTo = schoolTo,
            Link = link,
            RetryFirst = alerts!.RetryFirst,
            RetryMax = alerts.RetryMax,
        };
    }

    /// <summary><c>schools:</c> school (id or name, kept as its id) → its recipients (one address or a list).</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadSchools(ConfigReader r, IConfiguration config, string key, bool each)
    {
        var section = config.GetSection(key);
        var schools = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!section.Exists()) return schools;
        if (!each) throw r.Error(key, "'schools' names each school's recipients for 'school: each' (one e-mail per school): set school: each, or leave it out");
        foreach (var entry in section.GetChildren())
        {
            var id = School.Slug(entry.Key);
            if (id.Length == 0) throw r.Error(entry.Path, $"'{entry.Key}' is not a school's id or name");
            var to = new List<string>();
            if (entry.Value is not null) to.Add(Address(r, entry.Path));
            foreach (var item in entry.GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue)) to.Add(Address(r, item.Path));
            if (to.Count == 0) throw r.Error(entry.Path, $"school '{entry.Key}' has no address to send its weekly e-mail to");
            if (!schools.TryAdd(id, to)) throw r.Error(entry.Path, $"school '{entry.Key}' is listed twice (as {id})");
        }
        return schools;
    }

    private static string Address(ConfigReader r, string key)
    {
        var text = r.String(key) ?? throw r.Error(key, "an empty address");
        return MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@') ? text : throw r.Error(key, $"'{text}' is not an e-mail address");
    }
}
