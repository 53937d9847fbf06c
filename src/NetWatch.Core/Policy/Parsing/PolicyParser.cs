using NetWatch.Core.Policy.Engine;
using NodaTime;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

/// <summary>
/// Parses a policy file (YAML; the format is described in policies/README.md) from its text. Never throws:
/// every problem is returned as a <see cref="PolicyError"/> naming the file, the line and what is wrong.
/// </summary>
public static partial class PolicyParser
{
    static readonly string[] TopKeys =
    [
        "name", "title", "source", "time_zone", "default_role", "assumptions", "roles", "calendar",
        "categories", "allow_lists", "thresholds", "rules", "unclassified_clause", "alerts",
        "retention",
    ];

    public const string DefaultTimeZone = "Europe/London";

    public static PolicyParseResult Parse(string text, string displayName)
    {
        var r = new YamlReader(displayName);
        YamlNode? rootNode;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            rootNode = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
                r.Error((int)stream.Documents[1].RootNode.Start.Line, 1, "a policy file holds one YAML document; found more than one");
        }
        catch (YamlException ex)
        {
            r.Error((int)ex.Start.Line, (int)ex.Start.Column, "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message));
            return new PolicyParseResult(null, r.Errors);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet fails on some malformed input without a position: find where the parser got to
            var (line, column) = LastGoodPosition(text);
            r.Error(line, column, $"not valid YAML after this point (unclosed bracket or quote?): {ex.Message}");
            return new PolicyParseResult(null, r.Errors);
        }
        if (rootNode is null)
        {
            r.Error(1, 1, "the file is empty");
            return new PolicyParseResult(null, r.Errors);
        }
        if (r.Mapping(rootNode, "the policy file") is not { } root)
            return new PolicyParseResult(null, r.Errors);

        var policy = ReadPolicy(r, root);
        return r.Errors.Count == 0 ? new PolicyParseResult(policy, []) : new PolicyParseResult(null, r.Errors);
    }

    static (int Line, int Column) LastGoodPosition(string text)
    {
        var last = (Line: 1, Column: 1);
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
                if (parser.Current is { } ev) last = ((int)ev.Start.Line, (int)ev.Start.Column);
        }
        catch (Exception) { /* expected: this is the failure being located */ }
        return last;
    }

    static SchoolPolicy? ReadPolicy(YamlReader r, YamlMappingNode root)
    {
        string? name = null, title = null, source = null, defaultRole = null, unclassifiedClause = null;
        YamlNode? defaultRoleNode = null;
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[DefaultTimeZone];
        var assumptions = new List<string>();
        Dictionary<string, RoleSchedule>? roles = null;
        var calendar = SchoolCalendar.Empty;
        var classes = new CategoryClasses();
        var allowLists = new Dictionary<string, AllowList>();
        var thresholds = new PolicyThresholds();
        var retention = new Dictionary<string, NetWatch.Core.Policy.Retention.RetentionPeriod>();
        YamlSequenceNode? rulesNode = null;
        YamlNode? alertsNode = null;

        foreach (var (key, keyNode, value) in r.Entries(root, "policy", TopKeys))
        {
            switch (key)
            {
                case "name":
                    name = r.Scalar(value, "name");
                    if (name is not null && !IsIdentifier(name))
                        r.Error(value, $"name '{name}' may use only lower-case letters, digits, '-' and '_'");
                    break;
                case "title": title = r.Scalar(value, "title"); break;
                case "source": source = r.Scalar(value, "source"); break;
                case "unclassified_clause": unclassifiedClause = r.Scalar(value, "unclassified_clause"); break;
                case "time_zone":
                    if (r.Scalar(value, "time_zone") is { } tz)
                    {
                        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) is { } z) zone = z;
                        else r.Error(value, $"time_zone '{tz}' is not a tz database zone id (e.g. Europe/London)");
                    }
                    break;
                case "default_role": defaultRole = r.Scalar(value, "default_role"); defaultRoleNode = value; break;
                case "assumptions":
                    assumptions.AddRange(r.StringList(value, "assumptions").Select(x => x.Value));
                    break;
                case "roles": roles = ReadRoles(r, value); break;
                case "calendar": calendar = ReadCalendar(r, value); break;
                case "categories": classes = ReadCategories(r, value); break;
                case "allow_lists": allowLists = ReadAllowLists(r, value); break;
                case "thresholds": thresholds = ReadThresholds(r, value); break;
                case "rules": rulesNode = r.Sequence(value, "rules"); break;
                case "alerts": alertsNode = value; break;
                case "retention": retention = ReadRetention(r, value); break;
            }
        }

        if (name is null && YamlReader.Get(root, "name") is null) r.Error(root, "missing 'name' (the policy's short name, e.g. 004-droitwich)");
        if (roles is null && YamlReader.Get(root, "roles") is null) r.Error(root, "missing 'roles' (at least one role with a weekly schedule)");
        if (rulesNode is null && YamlReader.Get(root, "rules") is null) r.Error(root, "missing 'rules' (the ordered list of rules)");
        roles ??= [];

        if (defaultRole is null && roles.Count > 0) defaultRole = roles.Keys.First();
        else if (defaultRole is not null && !roles.ContainsKey(defaultRole))
            r.Error(defaultRoleNode!, $"default_role '{defaultRole}' is not one of the roles defined ({string.Join(", ", roles.Keys)})");

        var rules = rulesNode is null ? [] : ReadRules(r, rulesNode, roles, allowLists);
        var (alertRules, hoursRole) = alertsNode is null ? (Alerts.AlertRules.Default, null) : ReadAlerts(r, alertsNode, roles);
        if (rulesNode is not null && rulesNode.Children.Count == 0) r.Error(rulesNode, "rules: the list is empty");
        if (rulesNode is not null && rulesNode.Children.Count > 64) r.Error(rulesNode, $"{rulesNode.Children.Count} rules; at most 64 are supported");

        var distinctCategories = classes.Classes.Values.SelectMany(v => v)
            .Concat(rules.SelectMany(x => x.When.Categories)).Distinct().Count();
        if (distinctCategories > CategoryMask.Capacity)
            r.Error(root, $"the policy names {distinctCategories} categories; at most {CategoryMask.Capacity} are supported");

        if (roles.Count > 64) r.Error(YamlReader.Get(root, "roles")!, $"{roles.Count} roles defined; at most 64 are supported");
        if (allowLists.Count > 32) r.Error(YamlReader.Get(root, "allow_lists")!, $"{allowLists.Count} allow-lists defined; at most 32 are supported");

        if (name is null || defaultRole is null) return null;
        return new SchoolPolicy
        {
            Name = name, Title = title, Source = source, TimeZone = zone, DefaultRole = defaultRole,
            Assumptions = assumptions, Roles = roles, Calendar = calendar, Categories = classes,
            AllowLists = allowLists, Thresholds = thresholds, Rules = rules, UnclassifiedClause = unclassifiedClause,
            Alerts = alertRules, AlertHoursRole = hoursRole,
            CategoryMentions = r.Categories,
            Retention = retention,
        };
    }

    internal static bool IsIdentifier(string s) =>
        s.Length > 0 && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.');

    static CategoryClasses ReadCategories(YamlReader r, YamlNode node)
    {
        var classes = new Dictionary<string, IReadOnlyList<string>>();
        if (r.Mapping(node, "categories") is not { } map) return new CategoryClasses();
        var owner = new Dictionary<string, string>();
        foreach (var (cls, _, value) in r.Entries(map, "categories", CategoryClasses.Names))
        {
            var list = new List<string>();
            foreach (var (cat, catNode) in r.StringList(value, $"categories.{cls}"))
            {
                if (!IsIdentifier(cat))
                    r.Error(catNode, $"category '{cat}' may use only lower-case letters, digits, '-' and '_' (use the UT1 names, e.g. social_networks)");
                else if (owner.TryGetValue(cat, out var other))
                    r.Error(catNode, $"category '{cat}' is already in class '{other}'; a category belongs to one class");
                else { owner[cat] = cls; list.Add(cat); r.MentionCategory(cat, catNode); }
            }
            classes[cls] = list;
        }
        return new CategoryClasses { Classes = classes };
    }

    static Dictionary<string, AllowList> ReadAllowLists(YamlReader r, YamlNode node)
    {
        var result = new Dictionary<string, AllowList>();
        if (r.Mapping(node, "allow_lists") is not { } map) return result;
        foreach (var (name, keyNode, value) in r.Entries(map, "allow_lists", null))
        {
            var entries = new List<AllowEntry>();
            foreach (var (text, entryNode) in r.StringList(value, $"allow_lists.{name}"))
            {
                var e = AllowEntry.Parse(text);
                if (e.Domain.Length == 0 || e.Domain.Contains(':') || e.Domain.Contains(' ') || !e.Domain.Contains('.'))
                    r.Error(entryNode, $"allow_lists.{name}: '{text}' is not a host name with an optional path (e.g. www.bbc.co.uk/bitesize)");
                else entries.Add(e);
            }
            if (entries.Count == 0) r.Error(keyNode, $"allow_lists.{name} has no entries");
            result[name] = new AllowList(name, entries, (int)keyNode.Start.Line);
        }
        return result;
    }

    static readonly string[] ThresholdKeys = ["personal_working_hours_minutes_per_day", "excessive_personal_minutes_per_week"];

    static PolicyThresholds ReadThresholds(YamlReader r, YamlNode node)
    {
        var t = new PolicyThresholds();
        if (r.Mapping(node, "thresholds") is not { } map) return t;
        foreach (var (key, _, value) in r.Entries(map, "thresholds", ThresholdKeys))
        {
            if (r.Mapping(value, $"thresholds.{key}") is not { } m) continue;
            int? minutes = null;
            string? clause = null;
            foreach (var (k, _, v) in r.Entries(m, $"thresholds.{key}", ["minutes", "clause"]))
            {
                if (k == "minutes") minutes = r.NonNegativeInt(v, $"thresholds.{key}.minutes");
                else clause = r.Scalar(v, $"thresholds.{key}.clause");
            }
            if (YamlReader.Get(m, "minutes") is null) r.Error(m, $"thresholds.{key}: missing 'minutes'");
            if (YamlReader.Get(m, "clause") is null) r.Error(m, $"thresholds.{key}: missing 'clause' (the clause of the written policy it implements)");
            if (minutes is null || clause is null) continue;
            var threshold = new MinutesThreshold(minutes.Value, clause);
            t = key == ThresholdKeys[0]
                ? t with { PersonalWorkingHoursMinutesPerDay = threshold }
                : t with { ExcessivePersonalMinutesPerWeek = threshold };
        }
        return t;
    }
}
