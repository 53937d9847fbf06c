using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.Policy.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Policy;

public class PolicyPropertyTests
{
    static readonly Instant From = Instant.FromUtc(2025, 6, 1, 0, 0);
    static readonly Instant To = Instant.FromUtc(2028, 3, 1, 0, 0);
    static readonly string[] AllCategories =
        ["social_networks", "webmail", "shopping", "audio-video", "sports", "press", "games", "chat", "dating", "gambling",
         "adult", "agressif", "drogue", "hacking", "vpn", "redirector", "malware", "phishing", "dangerous_material", "unknown_cat"];
    static readonly string[] Roles = ["staff", "staff-part-time", "support-staff", "pupil", "governor"];

    static Gen<Instant> Instants =>
        Gen.Choose(0, (int)((To - From).TotalSeconds / 60)).Select(m => From.Plus(Duration.FromMinutes(m)))
            .SelectMany(i => Gen.Choose(0, 59).Select(s => i.Plus(Duration.FromSeconds(s))));

    static string Hm(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    /// <summary>A random day: working hours and up to three breaks, which may overlap or stick out (the parser must catch that).</summary>
    static Gen<string> DayYaml =>
        from start in Gen.Choose(0, 20 * 60)
        from length in Gen.Choose(1, 24 * 60 - start)
        from breaks in Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(BreakGen, n))
        select $"working: \"{Hm(start)}-{Hm(start + length)}\"\nbreaks: {{ {string.Join(", ", breaks.Select((b, i) => $"b{i}: \"{Hm(b.Item1)}-{Hm(b.Item2)}\""))} }}";

    static Gen<(int, int)> BreakGen =>
        from bs in Gen.Choose(0, 23 * 60)
        from bl in Gen.Choose(1, 120)
        select (bs, Math.Min(bs + bl, 24 * 60));

    [Property(MaxTest = 300)]
    public Property A_schedule_that_passes_validation_cuts_the_day_into_segments_that_never_overlap() =>
        Prop.ForAll(DayYaml.ToArbitrary(), day =>
        {
            var yaml = TestPolicies.WithWeek("monday:\n" + string.Join("\n", day.Split('\n').Select(l => "  " + l)));
            var result = PolicyParser.Parse(yaml, "p.yaml");
            if (!result.Success)
                return result.Errors.All(e => e.Line > 0 && e.Message.Contains("monday"));   // rejected, and says where
            var schedule = result.Policy!.Roles["staff"].For(IsoDayOfWeek.Monday);
            var segments = schedule.ToSegments();
            var consecutive = segments[0].StartSecond == 0 && segments[^1].EndSecond == 86400
                && segments.Zip(segments.Skip(1)).All(p => p.First.EndSecond == p.Second.StartSecond)
                && segments.All(s => s.StartSecond < s.EndSecond);
            var breaksInside = schedule.Breaks.All(b => schedule.Working.Any(w => w.Covers(b.Interval)));
            var breaksApart = schedule.Breaks.Zip(schedule.Breaks.Skip(1)).All(p => !p.First.Interval.Overlaps(p.Second.Interval));
            return consecutive && breaksInside && breaksApart;
        });

    [Property(MaxTest = 300)]
    public Property Every_instant_falls_in_exactly_one_segment_and_gets_exactly_one_verdict() =>
        Prop.ForAll((
            from i in Instants
            from p in Gen.Elements(PolicyFiles.Names)
            from r in Gen.Elements(Roles)
            from c in Gen.SubListOf(AllCategories)
            select (i, p, r, c)).ToArbitrary(), x =>
            {
                var (instant, policy, role, categories) = x;
                var engine = PolicyFiles.Engine(policy);
                var pol = engine.Policy;
                var local = instant.InZone(pol.TimeZone).LocalDateTime;
                var t = engine.Resolve(instant, role);
                var secondOfDay = local.TimeOfDay.Hour * 3600 + local.TimeOfDay.Minute * 60 + local.TimeOfDay.Second;
                var roleSchedule = pol.Roles.TryGetValue(role, out var r) ? r : pol.Roles[pol.DefaultRole];
                var containing = roleSchedule.For(local.DayOfWeek).ToSegments()
                    .Count(s => secondOfDay >= s.StartSecond && secondOfDay < s.EndSecond);
                var e = PolicyEvents.Make(instant, "http://www.example.com/", categories.ToArray(), role);
                var d = engine.Decide(e);
                var matching = pol.Rules.Where(x => x.Verdict == d.Verdict && x.Id == d.Rule).Count();
                return t.Local == local
                    && t.DayKind == pol.Calendar.KindOf(local.Date)
                    && containing == 1
                    && Verdicts.IsKnown(d.Verdict)
                    && (matching == 1 || d.Rule == PolicyEngine.NoRuleMatchedId)
                    && ReferenceEquals(d, engine.Explain(e).Decision);
            });

    [Property(MaxTest = 200)]
    public Property The_engine_zone_table_agrees_with_NodaTime_for_any_instant() =>
        Prop.ForAll(Gen.Choose(-2_000_000_000, 2_000_000_000).ToArbitrary(), Gen.Elements("Europe/London", "America/New_York", "Australia/Sydney").ToArbitrary(),
            (seconds, zoneId) =>
            {
                var zone = DateTimeZoneProviders.Tzdb[zoneId];
                var table = new ZoneOffsetTable(zone);
                var instant = Instant.FromUnixTimeSeconds(seconds * 2L);   // 1906..2096, inside the table's 1800-2200
                return table.OffsetSeconds(instant.ToUnixTimeSeconds()) == zone.GetUtcOffset(instant).Seconds;
            });

    static readonly (string Policy, string Role)[] TimedRoles =
        [("000-local-authority", "staff"), ("000-local-authority", "pupil"), ("001-template", "staff"), ("001-template", "support-staff")];

    [Property(MaxTest = 300)]
    public Property Moving_an_event_across_a_break_boundary_by_one_second_changes_the_verdict_exactly_there() =>
        Prop.ForAll((
            from pr in Gen.Elements(TimedRoles)
            from d in Gen.Choose(0, 300)
            from a in Gen.Choose(0, 200)
            from w in Gen.Choose(0, 3)
            select (pr, d, a, w)).ToArbitrary(), x =>
            {
                var (pr, dayOffset, awaySeconds, which) = x;
                var engine = PolicyFiles.Engine(pr.Policy);
                var date = new LocalDate(2026, 9, 1).PlusDays(dayOffset);
                var schedule = engine.Policy.Roles[pr.Role];
                var day = schedule.For(date.DayOfWeek);
                var works = schedule.Works(engine.Policy.Calendar.KindOf(date));
                if (!works || day.Breaks.Count == 0) return true;   // nothing to cross on this date
                var brk = day.Breaks[which % day.Breaks.Count];
                var boundary = which < 2 ? brk.Interval.StartSecond : brk.Interval.EndSecond;
                string V(int secondOfDay) => engine.Decide(PolicyEvents.Make(
                    PolicyEvents.London.AtStrictly(date.AtMidnight().PlusSeconds(secondOfDay)).ToInstant(),
                    "https://www.amazon.co.uk/", ["shopping"], pr.Role)).Verdict;
                var before = V(boundary - 1);
                var at = V(boundary);
                var inBreakFirst = which < 2;   // at a start, the break begins at the boundary; at an end it stops
                var expectBefore = inBreakFirst ? Verdicts.PersonalWorkingHours : Verdicts.PersonalBreak;
                var expectAt = inBreakFirst ? Verdicts.PersonalBreak : Verdicts.PersonalWorkingHours;
                // farther from the boundary (within the same segment) the verdict stays the same
                var farBefore = V(Math.Max(boundary - 1 - awaySeconds, inBreakFirst ? SegmentStart(day, boundary - 1) : brk.Interval.StartSecond));
                var farAfter = V(Math.Min(boundary + awaySeconds, inBreakFirst ? brk.Interval.EndSecond - 1 : SegmentEnd(day, boundary) - 1));
                return before == expectBefore && at == expectAt && farBefore == before && farAfter == at;
            });

    static int SegmentStart(DaySchedule day, int second) => day.ToSegments().First(s => s.StartSecond <= second && second < s.EndSecond).StartSecond;
    static int SegmentEnd(DaySchedule day, int second) => day.ToSegments().First(s => s.StartSecond <= second && second < s.EndSecond).EndSecond;
}
