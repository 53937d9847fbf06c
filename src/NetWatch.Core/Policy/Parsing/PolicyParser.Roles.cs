using NodaTime;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

public static partial class PolicyParser
{
    static readonly string[] RoleKeys = ["kind", "description", "works_on", "week"];
    static readonly string[] DayKeys = ["working", "breaks"];

    static readonly Dictionary<string, IsoDayOfWeek[]> WeekKeys = new()
    {
        ["monday"] = [IsoDayOfWeek.Monday], ["tuesday"] = [IsoDayOfWeek.Tuesday],
        ["wednesday"] = [IsoDayOfWeek.Wednesday], ["thursday"] = [IsoDayOfWeek.Thursday],
        ["friday"] = [IsoDayOfWeek.Friday], ["saturday"] = [IsoDayOfWeek.Saturday], ["sunday"] = [IsoDayOfWeek.Sunday],
        ["weekdays"] = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        ["every_day"] = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
                         IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
    };

    static Dictionary<string, RoleSchedule> ReadRoles(YamlReader r, YamlNode node)
    {
        var roles = new Dictionary<string, RoleSchedule>();
        if (r.Mapping(node, "roles") is not { } map) return roles;
        foreach (var (name, keyNode, value) in r.Entries(map, "roles", null))
        {
            if (!IsIdentifier(name)) { r.Error(keyNode, $"role name '{name}' may use only lower-case letters, digits, '-' and '_'"); continue; }
            if (ReadRole(r, name, value) is { } role) roles[name] = role with { Line = (int)keyNode.Start.Line };
        }
        if (map.Children.Count == 0) r.Error(map, "roles: define at least one role");
        return roles;
    }

    static RoleSchedule? ReadRole(YamlReader r, string name, YamlNode node)
    {
        if (r.Mapping(node, $"roles.{name}") is not { } map) return null;
        RoleKind? kind = null;
        string? description = null;
        HashSet<DayKind>? worksOn = null;
        DaySchedule[]? week = null;
        foreach (var (key, _, value) in r.Entries(map, $"roles.{name}", RoleKeys))
        {
            switch (key)
            {
                case "kind":
                    var k = r.Scalar(value, $"roles.{name}.kind");
                    if (k == "staff") kind = RoleKind.Staff;
                    else if (k == "pupil") kind = RoleKind.Pupil;
                    else if (k is not null) r.Error(value, $"roles.{name}.kind must be staff or pupil, found '{k}'");
                    break;
                case "description": description = r.Scalar(value, $"roles.{name}.description"); break;
                case "works_on":
                    worksOn = [];
                    foreach (var (text, n) in r.StringList(value, $"roles.{name}.works_on"))
                        if (DayKinds.TryParse(text, out var dk)) worksOn.Add(dk);
                        else r.Error(n, $"roles.{name}.works_on: '{text}' is not one of term, inset, holiday, bank-holiday");
                    break;
                case "week": week = ReadWeek(r, name, value); break;
            }
        }
        if (YamlReader.Get(map, "kind") is null) r.Error(map, $"roles.{name}: missing 'kind' (staff or pupil)");
        if (YamlReader.Get(map, "week") is null) r.Error(map, $"roles.{name}: missing 'week' (the weekly schedule)");
        if (kind is null || week is null) return null;
        // Outside term the pupils' working-hours rules do not apply; staff work INSET days as well.
        worksOn ??= kind == RoleKind.Pupil ? [DayKind.Term] : [DayKind.Term, DayKind.Inset];
        return new RoleSchedule { Name = name, Kind = kind.Value, Description = description, Week = week, WorksOn = worksOn };
    }

    static DaySchedule[]? ReadWeek(YamlReader r, string role, YamlNode node)
    {
        if (r.Mapping(node, $"roles.{role}.week") is not { } map) return null;
        var week = Enumerable.Repeat(DaySchedule.Off, 8).ToArray();
        var setBy = new string?[8];
        // group keys (weekdays, every_day) first, so a named day overrides them wherever it is written
        var entries = r.Entries(map, $"roles.{role}.week", WeekKeys.Keys.ToArray())
            .OrderBy(e => WeekKeys[e.Key].Length == 1 ? 1 : 0).ToList();
        foreach (var (key, keyNode, value) in entries)
        {
            var day = ReadDay(r, $"roles.{role}.week.{key}", value);
            if (day is null) continue;
            foreach (var d in WeekKeys[key])
            {
                if (setBy[(int)d] is { } prev && WeekKeys[prev].Length == WeekKeys[key].Length)
                    r.Error(keyNode, $"roles.{role}.week: {d} is given by both '{prev}' and '{key}'");
                week[(int)d] = day;
                setBy[(int)d] = key;
            }
        }
        return week;
    }

    static DaySchedule? ReadDay(YamlReader r, string what, YamlNode node)
    {
        if (node is YamlScalarNode { Value: "off" }) return DaySchedule.Off;
        if (r.Mapping(node, $"{what} (or the word off)") is not { } map) return null;
        var working = new List<ClockInterval>();
        var breaks = new List<NamedBreak>();
        var ok = true;
        foreach (var (key, _, value) in r.Entries(map, what, DayKeys))
        {
            if (key == "working")
            {
                foreach (var (text, n) in r.StringList(value, $"{what}.working"))
                {
                    var interval = ClockInterval.TryParse(text, out var error);
                    if (interval is null) { r.Error(n, $"{what}.working: {error}"); ok = false; continue; }
                    if (working.FirstOrDefault(w => w.Overlaps(interval.Value)) is { Seconds: > 0 } clash)
                    { r.Error(n, $"{what}.working: {interval} overlaps {clash}"); ok = false; continue; }
                    working.Add(interval.Value);
                }
            }
            else if (r.Mapping(value, $"{what}.breaks") is { } bmap)
            {
                foreach (var (bname, bkey, bvalue) in r.Entries(bmap, $"{what}.breaks", null))
                {
                    if (r.Scalar(bvalue, $"{what}.breaks.{bname}") is not { } text) { ok = false; continue; }
                    var interval = ClockInterval.TryParse(text, out var error);
                    if (interval is null) { r.Error(bvalue, $"{what}.breaks.{bname}: {error}"); ok = false; continue; }
                    if (breaks.FirstOrDefault(b => b.Interval.Overlaps(interval.Value)) is { } clash)
                    { r.Error(bvalue, $"{what}.breaks.{bname}: {interval} overlaps break '{clash.Name}' {clash.Interval}"); ok = false; continue; }
                    breaks.Add(new NamedBreak(bname, interval.Value));
                }
            }
            else ok = false;
        }
        if (YamlReader.Get(map, "working") is null) { r.Error(map, $"{what}: missing 'working' (e.g. \"08:30-16:30\"), or write the day as off"); ok = false; }
        if (!ok) return null;
        foreach (var b in breaks)
            if (!working.Any(w => w.Covers(b.Interval)))
            {
                var n = YamlReader.Get((YamlMappingNode)YamlReader.Get(map, "breaks")!, b.Name)!;
                r.Error(n, $"{what}.breaks.{b.Name}: {b.Interval} is not inside the working hours ({string.Join(", ", working)})");
                ok = false;
            }
        return ok ? new DaySchedule(working.OrderBy(w => w.StartSecond).ToList(), breaks.OrderBy(b => b.Interval.StartSecond).ToList()) : null;
    }
}
