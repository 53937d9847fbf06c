using System.Collections.Frozen;
using System.Numerics;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Policy.Engine;

/// <summary>
/// Judges events against one <see cref="SchoolPolicy"/>. Pure and thread-safe after construction: schedules,
/// calendar, zone offsets, category masks and the decisions themselves are all precomputed, so deciding an
/// event does not allocate.
/// <para>Role: the first of the event's <c>user.roles</c> that the policy defines; with no attribution, or none
/// defined, the policy's <c>default_role</c>. Time: the event's @timestamp in the policy's zone.</para>
/// </summary>
public sealed class PolicyEngine : IInPlaceEnricher
{
    public const string NoRuleMatchedId = "no-rule-matched";

    readonly SchoolPolicy _policy;
    readonly ZoneOffsetTable _offsets;
    readonly CompiledRole[] _roles;
    readonly FrozenDictionary<string, CompiledRole> _roleByName;
    readonly CompiledRole _defaultRole;
    readonly ReferenceCache<CompiledRole?> _roleCache;
    readonly CategoryMask _categories;
    readonly AllowListIndex _allow;
    readonly CompiledRule[] _rules;
    readonly ulong _rulesWithoutCategory;      // bit i: rule i has no category condition
    readonly ulong[] _rulesByCategoryBit;      // [category bit]: the rules whose category condition that category meets
    readonly PolicyDecision _unclassified;
    readonly long _firstDay;           // days since 1970-01-01 of _dayKinds[0]
    readonly DayKind[] _dayKinds;

    public PolicyEngine(SchoolPolicy policy)
    {
        _policy = policy;
        _offsets = new ZoneOffsetTable(policy.TimeZone);
        _roles = policy.Roles.Values.Select((r, i) => new CompiledRole(r, i)).ToArray();
        if (_roles.Length > 64) throw new ArgumentException("at most 64 roles");
        _roleByName = _roles.ToFrozenDictionary(r => r.Role.Name, StringComparer.Ordinal);
        _defaultRole = _roleByName[policy.DefaultRole];
        _roleCache = new ReferenceCache<CompiledRole?>(name => _roleByName.TryGetValue(name, out var r) ? r : null);
        _categories = new CategoryMask(policy.Categories.Classes.Values.SelectMany(v => v)
            .Concat(policy.Rules.SelectMany(r => r.When.Categories)));
        _allow = new AllowListIndex(policy.AllowLists);
        var roleNames = _roles.Select(r => r.Role.Name).ToList();
        _rules = policy.Rules.Select(r => new CompiledRule(r, policy.Name, _categories, policy.Categories, _allow.Names, roleNames)).ToArray();
        if (_rules.Length > 64) throw new ArgumentException("at most 64 rules");
        _rulesByCategoryBit = new ulong[CategoryMask.Capacity];
        for (var i = 0; i < _rules.Length; i++)
        {
            if (!_rules[i].HasCategoryCondition) { _rulesWithoutCategory |= 1UL << i; continue; }
            for (var bit = 0; bit < CategoryMask.Capacity; bit++)
                if ((_rules[i].CategoryMask & (1UL << bit)) != 0) _rulesByCategoryBit[bit] |= 1UL << i;
        }
        _unclassified = new PolicyDecision
        {
            Verdict = Verdicts.Unclassified, Rule = NoRuleMatchedId, Clause = policy.UnclassifiedClause, PolicyName = policy.Name,
        };
        (_firstDay, _dayKinds) = BuildDayTable(policy.Calendar);
    }

    public SchoolPolicy Policy => _policy;

    static (long, DayKind[]) BuildDayTable(SchoolCalendar calendar)
    {
        var dates = new[] { calendar.First, calendar.Last }.Where(d => d is not null).Select(d => d!.Value)
            .Concat(calendar.BankHolidays).ToList();
        if (dates.Count == 0) return (0, []);
        var first = dates.Min();
        var last = dates.Max();
        var start = first.PlusDays(-1);
        var days = Period.Between(start, last.PlusDays(2), PeriodUnits.Days).Days;
        var table = new DayKind[days];
        for (var i = 0; i < days; i++) table[i] = calendar.KindOf(start.PlusDays(i));
        return (EpochDay(start), table);
    }

    static long EpochDay(LocalDate d) => Period.Between(new LocalDate(1970, 1, 1), d, PeriodUnits.Days).Days;

    public NetEvent Enrich(NetEvent e) => e with { Policy = Decide(e) };

    public void EnrichInPlace(Span<NetEvent> events)
    {
        foreach (var e in events) EnrichedFields.SetPolicy(e, Decide(e));
    }

    public PolicyDecision Decide(NetEvent e)
    {
        var facts = Facts(e, out _);
        var allow = new AllowMatches(_allow, e.Url);
        var rules = _rules;
        // only the rules whose category condition this event can meet (plus those without one), in file order
        var candidates = _rulesWithoutCategory;
        for (var m = facts.CategoryMask; m != 0; m &= m - 1)
            candidates |= _rulesByCategoryBit[BitOperations.TrailingZeroCount(m)];
        for (; candidates != 0; candidates &= candidates - 1)
        {
            var i = BitOperations.TrailingZeroCount(candidates);
            if (rules[i].Check(facts, ref allow) == RuleMiss.None) return rules[i].Decision;
        }
        return _unclassified;
    }

    EventFacts Facts(NetEvent e, out CompiledRole role)
    {
        role = RoleFor(e.Attribution);
        var period = PeriodAt(role, e.Timestamp);
        var c = e.Classification;
        var cats = c?.Categories;
        return new EventFacts(
            cats is null || cats.Count == 0 ? 0 : _categories.Of(cats),
            cats is { Count: > 0 },
            c?.SafeguardingTheme is not null,
            period, role.Index, role.Kind);
    }

    CompiledRole RoleFor(Attribution? a)
    {
        if (a is not null)
        {
            var roles = a.Roles;
            for (var i = 0; i < roles.Count; i++)
                if (_roleCache.Get(roles[i]) is { } r) return r;
        }
        return _defaultRole;
    }

    PeriodKind PeriodAt(CompiledRole role, Instant instant)
    {
        Locate(instant, out var day, out var secondOfDay);
        var kind = DayKindOf(day);
        if ((role.WorksOnMask & (1 << (int)kind)) == 0) return PeriodKind.Outside;
        return role.Find(IsoDay(day), secondOfDay).Kind;
    }

    void Locate(Instant instant, out long day, out int secondOfDay)
    {
        var seconds = Math.DivRem(instant.ToUnixTimeTicks(), NodaConstants.TicksPerSecond, out var rem);
        if (rem < 0) seconds--;
        var local = seconds + _offsets.OffsetSeconds(seconds);
        day = Math.DivRem(local, 86400, out var sod);
        if (sod < 0) { day--; sod += 86400; }
        secondOfDay = (int)sod;
    }

    static int IsoDay(long epochDay)
    {
        var m = (epochDay + 3) % 7;   // 1970-01-01 was a Thursday (ISO 4)
        return (int)(m < 0 ? m + 7 : m) + 1;
    }

    DayKind DayKindOf(long epochDay)
    {
        var i = epochDay - _firstDay;
        return (ulong)i < (ulong)_dayKinds.Length ? _dayKinds[i] : DayKind.Uncovered;
    }

    /// <summary>Where an instant falls for a role (by name; the default role if unknown).</summary>
    public TimeContext Resolve(Instant instant, string? roleName = null)
    {
        var role = roleName is not null && _roleByName.TryGetValue(roleName, out var r) ? r : _defaultRole;
        return Resolve(instant, role);
    }

    TimeContext Resolve(Instant instant, CompiledRole role)
    {
        Locate(instant, out var day, out var secondOfDay);
        var kind = DayKindOf(day);
        var works = (role.WorksOnMask & (1 << (int)kind)) != 0;
        var segment = works ? role.Find(IsoDay(day), secondOfDay) : CompiledRole.WholeDayOff;
        var zoned = instant.InZone(_policy.TimeZone);   // NodaTime's own conversion, for display
        return new TimeContext(zoned.LocalDateTime, zoned.Offset, kind, works, segment.Kind, segment.BreakName,
            segment.StartSecond, segment.EndSecond);
    }

    /// <summary>The role an event is judged under, and why.</summary>
    public (string Role, string Reason) RoleOf(NetEvent e)
    {
        var role = RoleFor(e.Attribution);
        if (e.Attribution is null) return (role.Role.Name, "no attribution: the policy's default_role");
        if (e.Attribution.Roles.Contains(role.Role.Name)) return (role.Role.Name, "from user.roles");
        return (role.Role.Name, e.Attribution.Roles.Count == 0
            ? "the attribution has no roles: the policy's default_role"
            : $"none of user.roles ({string.Join(", ", e.Attribution.Roles)}) is defined: the policy's default_role");
    }

    /// <summary>Every step of the decision, for <c>netwatch explain</c>. Slow; gives the same decision as <see cref="Decide"/>.</summary>
    public PolicyExplanation Explain(NetEvent e)
    {
        var facts = Facts(e, out var role);
        var time = Resolve(e.Timestamp, role);
        var (_, roleReason) = RoleOf(e);
        var allow = new AllowMatches(_allow, e.Url);
        var steps = new List<RuleStep>();
        PolicyDecision? decision = null;
        foreach (var rule in _rules)
        {
            var miss = rule.Check(facts, ref allow);
            steps.Add(new RuleStep(rule.Rule, miss));
            if (miss == RuleMiss.None) { decision = rule.Decision; break; }
        }
        var categories = e.Classification?.Categories ?? [];
        return new PolicyExplanation
        {
            PolicyName = _policy.Name,
            Instant = e.Timestamp,
            Time = time,
            Role = role.Role.Name,
            RoleReason = roleReason,
            Categories = categories.Select(c => (c, _policy.Categories.ClassOf(c))).ToList(),
            SafeguardingTheme = e.Classification?.SafeguardingTheme,
            AllowMatches = _allow.Explain(e.Url.Domain, e.Url.Path).Select(x => $"{x.List}: {x.Entry}").ToList(),
            Steps = steps,
            Decision = decision ?? _unclassified,
        };
    }
}
