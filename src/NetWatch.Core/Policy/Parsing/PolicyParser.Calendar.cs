using NodaTime;
using NodaTime.Text;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

public static partial class PolicyParser
{
    static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;
    static readonly string[] CalendarKeys = ["terms", "closures", "inset_days", "bank_holidays"];

    static SchoolCalendar ReadCalendar(YamlReader r, YamlNode node)
    {
        if (r.Mapping(node, "calendar") is not { } map) return SchoolCalendar.Empty;
        var cal = SchoolCalendar.Empty;
        foreach (var (key, _, value) in r.Entries(map, "calendar", CalendarKeys))
        {
            switch (key)
            {
                case "terms":
                    var terms = ReadRanges(r, "calendar.terms", value);
                    CheckNoOverlap(r, "calendar.terms", terms);
                    cal = cal with { Terms = terms.Select(t => t.Range).ToList() };
                    break;
                case "closures": cal = cal with { Closures = ReadRanges(r, "calendar.closures", value).Select(t => t.Range).ToList() }; break;
                case "inset_days": cal = cal with { InsetDays = ReadDates(r, "calendar.inset_days", value) }; break;
                case "bank_holidays": cal = cal with { BankHolidays = ReadDates(r, "calendar.bank_holidays", value) }; break;
            }
        }
        return cal;
    }

    static void CheckNoOverlap(YamlReader r, string what, List<(DateRange Range, YamlNode Node)> ranges)
    {
        for (var i = 0; i < ranges.Count; i++)
            for (var j = 0; j < i; j++)
                if (ranges[i].Range.From <= ranges[j].Range.To && ranges[j].Range.From <= ranges[i].Range.To)
                    r.Error(ranges[i].Node, $"{what}: '{ranges[i].Range.Name}' overlaps '{ranges[j].Range.Name}'");
    }

    static LocalDate? ReadDate(YamlReader r, string what, YamlNode node)
    {
        if (r.Scalar(node, what) is not { } text) return null;
        var result = IsoDate.Parse(text);
        if (result.Success) return result.Value;
        r.Error(node, $"{what}: '{text}' is not a date like 2026-09-03");
        return null;
    }

    static List<LocalDate> ReadDates(YamlReader r, string what, YamlNode node)
    {
        var dates = new List<LocalDate>();
        if (r.Sequence(node, what) is not { } seq) return dates;
        foreach (var item in seq.Children)
            if (ReadDate(r, what, item) is { } d) dates.Add(d);
        return dates;
    }

    static List<(DateRange Range, YamlNode Node)> ReadRanges(YamlReader r, string what, YamlNode node)
    {
        var result = new List<(DateRange, YamlNode)>();
        if (r.Sequence(node, what) is not { } seq) return result;
        foreach (var item in seq.Children)
        {
            if (r.Mapping(item, $"each item of {what}") is not { } m) continue;
            string? name = null;
            LocalDate? from = null, to = null;
            foreach (var (key, _, value) in r.Entries(m, what, ["name", "from", "to"]))
            {
                if (key == "name") name = r.Scalar(value, $"{what}.name");
                else if (key == "from") from = ReadDate(r, $"{what}.from", value);
                else to = ReadDate(r, $"{what}.to", value);
            }
            foreach (var required in new[] { "name", "from", "to" })
                if (YamlReader.Get(m, required) is null) r.Error(m, $"{what}: missing '{required}'");
            if (name is null || from is null || to is null) continue;
            if (to < from) { r.Error(m, $"{what}: '{name}' ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})"); continue; }
            result.Add((new DateRange(name, from.Value, to.Value), item));
        }
        return result;
    }
}
