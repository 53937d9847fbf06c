using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NodaTime;

namespace NetWatch.Core.Tests.Policy;

/// <summary>
/// The same events (URLs from ../shared/corpus, with the categories UT1 gives their domains) judged by each of the
/// five seed policies at seven moments: a school day (Tuesday 24 Nov 2026) at 08:10 lesson, 10:45 morning break,
/// 12:30 lunch, 14:00 lesson and 17:30 after school; Saturday 28 Nov 2026 14:00; Tuesday 22 Dec 2026 14:00
/// (Christmas holiday). Codes: W work, B personal-break, H personal-working-hours, P prohibited, S safeguarding,
/// U unclassified.
/// </summary>
public class SeedPolicyVerdictTests
{
    public static readonly (string Name, Instant At)[] Moments =
    [
        ("08:10 lesson", PolicyEvents.Local(2026, 11, 24, 8, 10)),
        ("10:45 break", PolicyEvents.Local(2026, 11, 24, 10, 45)),
        ("12:30 lunch", PolicyEvents.Local(2026, 11, 24, 12, 30)),
        ("14:00 lesson", PolicyEvents.Local(2026, 11, 24, 14, 0)),
        ("17:30 after school", PolicyEvents.Local(2026, 11, 24, 17, 30)),
        ("Saturday 14:00", PolicyEvents.Local(2026, 11, 28, 14, 0)),
        ("holiday 14:00", PolicyEvents.Local(2026, 12, 22, 14, 0)),
    ];

    /// <summary>name, url, categories, role (null: no attribution), safeguarding theme</summary>
    internal static readonly Dictionary<string, (string Url, string[] Categories, string? Role, string? Theme)> Events = new()
    {
        ["facebook"] = ("http://www.facebook.com/groups/school-pta", ["social_networks"], "staff", null),
        ["gmail"] = ("https://mail.google.com/mail/u/0/", ["webmail"], "staff", null),
        ["amazon"] = ("https://www.amazon.co.uk/gp/cart", ["shopping"], "staff", null),
        ["netflix"] = ("https://www.netflix.com/browse", ["audio-video"], "staff", null),
        ["bitesize"] = ("http://www.bbc.co.uk/bitesize/articles/anti-bullying", ["press"], "staff", null),
        ["sport"] = ("http://www.bbc.co.uk/sport/football", ["sports"], "staff", null),
        ["news"] = ("http://www.bbc.co.uk/news/education", ["press"], "staff", null),
        ["coolmathgames"] = ("http://www.coolmathgames.com/games/run-3", ["games"], "staff", null),
        ["ttrockstars"] = ("https://ttrockstars.com/play", ["games"], "staff", null),
        ["bet365"] = ("http://www.bet365.com/", ["gambling", "games", "malware", "phishing"], "staff", null),
        ["adult"] = ("http://www.adult-site.example/", ["adult"], "staff", null),
        ["discord"] = ("http://discord.com/", ["chat", "social_networks"], "staff", null),
        ["self-harm search"] = ("http://www.google.co.uk/search?q=how+to+self+harm", [], "staff", "self-harm"),
        ["classroom"] = ("http://classroom.google.com/", [], "staff", null),
        ["uncategorised"] = ("http://www.senecalearning.com/en-GB/", [], "staff", null),
        ["hacktools"] = ("http://www.hacktools.example/download/wifi-cracker.zip", ["hacking"], "staff", null),
        ["pupil facebook"] = ("http://www.facebook.com/", ["social_networks"], "pupil", null),
        ["unattributed facebook"] = ("http://www.facebook.com/", ["social_networks"], null, null),
        ["part-time news"] = ("http://www.bbc.co.uk/news", ["press"], "staff-part-time", null),
        ["support-staff news"] = ("http://www.bbc.co.uk/news", ["press"], "support-staff", null),
    };

    // moments:                        08:10 10:45 12:30 14:00 17:30 Sat Hol
    internal static readonly Dictionary<string, Dictionary<string, string>> Expected = new()
    {
        // 7.1.1: personal use in break times or outside normal working hours; no list of banned sites.
        ["000-local-authority"] = new()
        {
            ["facebook"] = "HBBHBBB", ["gmail"] = "HBBHBBB", ["amazon"] = "HBBHBBB", ["netflix"] = "HBBHBBB",
            ["bitesize"] = "HBBHBBB", ["sport"] = "HBBHBBB", ["news"] = "HBBHBBB", ["coolmathgames"] = "HBBHBBB",
            ["ttrockstars"] = "HBBHBBB", ["bet365"] = "PPPPPPP", ["adult"] = "PPPPPPP", ["discord"] = "HBBHBBB",
            ["self-harm search"] = "SSSSSSS", ["classroom"] = "WWWWWWW", ["uncategorised"] = "UUUUUUU",
            ["hacktools"] = "PPPPPPP",
            // pupils start at 08:40; staff 0.6 work Tuesdays; support staff have no morning break and work holidays
            ["pupil facebook"] = "BBBHBBB", ["unattributed facebook"] = "HBBHBBB",
            ["part-time news"] = "HBBHBBB", ["support-staff news"] = "BHBHBBH",
        },
        // 5.5: streaming (unless educational), IM, chat, social networking, personal e-mail never; 9.3 harm to DSL.
        ["001-template"] = new()
        {
            ["facebook"] = "PPPPPPP", ["gmail"] = "PPPPPPP", ["amazon"] = "HBBHBBB", ["netflix"] = "PPPPPPP",
            ["bitesize"] = "WWWWWWW", ["sport"] = "HBBHBBB", ["news"] = "HBBHBBB", ["coolmathgames"] = "HBBHBBB",
            ["ttrockstars"] = "HBBHBBB", ["bet365"] = "PPPPPPP", ["adult"] = "SSSSSSS", ["discord"] = "PPPPPPP",
            ["self-harm search"] = "SSSSSSS", ["classroom"] = "WWWWWWW", ["uncategorised"] = "UUUUUUU",
            ["hacktools"] = "PPPPPPP",
            // part-time staff here work Thursday and Friday only
            ["pupil facebook"] = "PPPPPPP", ["unattributed facebook"] = "PPPPPPP",
            ["part-time news"] = "BBBBBBB", ["support-staff news"] = "BHBHBBH",
        },
        // 2.3: internet for non-employment issues at any time is misuse; 3.4: personal e-mail, gambling, pornography.
        ["002-southover"] = new()
        {
            ["facebook"] = "HHHHHHH", ["gmail"] = "PPPPPPP", ["amazon"] = "HHHHHHH", ["netflix"] = "HHHHHHH",
            ["bitesize"] = "HHHHHHH", ["sport"] = "HHHHHHH", ["news"] = "HHHHHHH", ["coolmathgames"] = "HHHHHHH",
            ["ttrockstars"] = "HHHHHHH", ["bet365"] = "PPPPPPP", ["adult"] = "PPPPPPP", ["discord"] = "HHHHHHH",
            ["self-harm search"] = "SSSSSSS", ["classroom"] = "WWWWWWW", ["uncategorised"] = "UUUUUUU",
            ["hacktools"] = "PPPPPPP",
            ["pupil facebook"] = "HHHHHHH", ["unattributed facebook"] = "HHHHHHH",
            ["part-time news"] = "HHHHHHH", ["support-staff news"] = "HHHHHHH",
        },
        // occasional and reasonable private use, not tied to breaks; material unsuitable for pupils is inappropriate.
        ["003-glenmere"] = new()
        {
            ["facebook"] = "BBBBBBB", ["gmail"] = "BBBBBBB", ["amazon"] = "BBBBBBB", ["netflix"] = "BBBBBBB",
            ["bitesize"] = "BBBBBBB", ["sport"] = "BBBBBBB", ["news"] = "BBBBBBB", ["coolmathgames"] = "BBBBBBB",
            ["ttrockstars"] = "BBBBBBB", ["bet365"] = "PPPPPPP", ["adult"] = "PPPPPPP", ["discord"] = "BBBBBBB",
            ["self-harm search"] = "SSSSSSS", ["classroom"] = "WWWWWWW", ["uncategorised"] = "UUUUUUU",
            ["hacktools"] = "PPPPPPP",
            ["pupil facebook"] = "BBBBBBB", ["unattributed facebook"] = "BBBBBBB",
            ["part-time news"] = "BBBBBBB", ["support-staff news"] = "BBBBBBB",
        },
        // 5.3 social media never; 4.1 no games unless educational; 4.3 no personal purchases, limited personal use.
        ["004-droitwich"] = new()
        {
            ["facebook"] = "PPPPPPP", ["gmail"] = "BBBBBBB", ["amazon"] = "PPPPPPP", ["netflix"] = "BBBBBBB",
            ["bitesize"] = "BBBBBBB", ["sport"] = "BBBBBBB", ["news"] = "BBBBBBB", ["coolmathgames"] = "PPPPPPP",
            ["ttrockstars"] = "WWWWWWW", ["bet365"] = "PPPPPPP", ["adult"] = "PPPPPPP", ["discord"] = "PPPPPPP",
            ["self-harm search"] = "SSSSSSS", ["classroom"] = "WWWWWWW", ["uncategorised"] = "UUUUUUU",
            ["hacktools"] = "PPPPPPP",
            ["pupil facebook"] = "PPPPPPP", ["unattributed facebook"] = "PPPPPPP",
            ["part-time news"] = "BBBBBBB", ["support-staff news"] = "BBBBBBB",
        },
    };

    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in PolicyFiles.Names)
            foreach (var name in Events.Keys)
                data.Add(policy, name);
        return data;
    }

    internal static string Code(string verdict) => verdict switch
    {
        Verdicts.Work => "W",
        Verdicts.PersonalBreak => "B",
        Verdicts.PersonalWorkingHours => "H",
        Verdicts.Prohibited => "P",
        Verdicts.Safeguarding => "S",
        Verdicts.Unclassified => "U",
        _ => "?",
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_policy_gives_the_verdicts_its_text_implies(string policy, string eventName)
    {
        var engine = PolicyFiles.Engine(policy);
        var (url, categories, role, theme) = Events[eventName];
        var got = string.Concat(Moments.Select(m =>
            Code(engine.Decide(PolicyEvents.Make(m.At, url, categories, role, theme)).Verdict)));
        Assert.Equal(Expected[policy][eventName], got);
    }

    [Fact]
    public void Every_event_has_an_expectation_under_every_policy()
    {
        foreach (var policy in PolicyFiles.Names)
            Assert.Equal(Events.Keys.Order(), Expected[policy].Keys.Order());
    }

    [Fact]
    public void Facebook_at_lunch_is_allowed_personal_use_under_000_and_a_breach_under_004()
    {
        var e = PolicyEvents.Make(PolicyEvents.Local(2026, 11, 24, 12, 30), "http://www.facebook.com/", ["social_networks"]);
        var la = PolicyFiles.Engine("000-local-authority").Decide(e);
        var dw = PolicyFiles.Engine("004-droitwich").Decide(e);
        Assert.Equal((Verdicts.PersonalBreak, "personal-in-break-or-outside-hours", "000-local-authority"), (la.Verdict, la.Rule, la.PolicyName));
        Assert.StartsWith("7.1.1", la.Clause);
        Assert.Equal((Verdicts.Prohibited, "personal-social-media"), (dw.Verdict, dw.Rule));
        Assert.StartsWith("5.3", dw.Clause);
    }

    [Fact]
    public void Each_verdict_cites_the_clause_of_the_rule_that_decided()
    {
        var at = PolicyEvents.Local(2026, 11, 24, 14, 0);
        var gmail = PolicyEvents.Make(at, "https://mail.google.com/", ["webmail"]);
        var d = PolicyFiles.Engine("001-template").Decide(gmail);
        Assert.Equal(("personal-email", "5.5(e) (personal email such as Hotmail or Gmail)"), (d.Rule, d.Clause));
        var s = PolicyFiles.Engine("002-southover").Decide(gmail);
        Assert.Equal(("personal-email", "3.4 (personal use of e-mail not tolerated)"), (s.Rule, s.Clause));
    }

    [Fact]
    public void The_verdicts_differ_between_schools_where_their_texts_differ()
    {
        // every pair of policies disagrees on at least one (event, moment)
        var tables = PolicyFiles.Names.ToDictionary(p => p, p => string.Concat(Events.Keys.Select(k => Expected[p][k])));
        foreach (var a in PolicyFiles.Names)
            foreach (var b in PolicyFiles.Names.Where(b => string.CompareOrdinal(a, b) < 0))
                Assert.NotEqual(tables[a], tables[b]);
    }

    [Fact]
    public void On_an_inset_day_staff_work_and_pupils_do_not()
    {
        var engine = PolicyFiles.Engine("000-local-authority");
        var at = PolicyEvents.Local(2026, 9, 1, 14, 0);   // INSET (assumed), a Tuesday
        Assert.Equal(DayKind.Inset, engine.Resolve(at, "staff").DayKind);
        Assert.Equal(Verdicts.PersonalWorkingHours, engine.Decide(PolicyEvents.Make(at, "http://www.bbc.co.uk/news", ["press"], "staff")).Verdict);
        Assert.Equal(Verdicts.PersonalBreak, engine.Decide(PolicyEvents.Make(at, "http://www.bbc.co.uk/news", ["press"], "pupil")).Verdict);
    }

    [Fact]
    public void On_a_bank_holiday_even_all_year_support_staff_are_off()
    {
        var engine = PolicyFiles.Engine("000-local-authority");
        var bankHoliday = PolicyEvents.Local(2026, 12, 28, 14, 0);
        var halfTerm = PolicyEvents.Local(2026, 10, 27, 14, 0);
        Assert.Equal(DayKind.BankHoliday, engine.Resolve(bankHoliday).DayKind);
        Assert.Equal(DayKind.Holiday, engine.Resolve(halfTerm).DayKind);
        Assert.Equal(PeriodKind.Outside, engine.Resolve(bankHoliday, "support-staff").Period);
        Assert.Equal(PeriodKind.Working, engine.Resolve(halfTerm, "support-staff").Period);
        Assert.Equal(PeriodKind.Outside, engine.Resolve(halfTerm, "staff").Period);
        // a bank holiday after the last term the file lists is still a bank holiday; an ordinary date there is uncovered
        Assert.Equal(DayKind.BankHoliday, engine.Resolve(PolicyEvents.Local(2027, 12, 27, 14, 0)).DayKind);
        Assert.Equal(DayKind.Uncovered, engine.Resolve(PolicyEvents.Local(2027, 12, 22, 14, 0)).DayKind);
        Assert.Equal(PeriodKind.Working, engine.Resolve(PolicyEvents.Local(2027, 12, 22, 14, 0), "staff").Period);
    }

    [Fact]
    public void An_unknown_role_falls_back_to_the_default_role_and_says_so()
    {
        var engine = PolicyFiles.Engine("000-local-authority");
        var e = PolicyEvents.Make(PolicyEvents.Local(2026, 11, 24, 14, 0), "http://www.facebook.com/", ["social_networks"], "governor");
        Assert.Equal(("staff", "none of user.roles (governor) is defined: the policy's default_role"), engine.RoleOf(e));
        Assert.Equal(Verdicts.PersonalWorkingHours, engine.Decide(e).Verdict);
        var none = e with { Attribution = null };
        Assert.Equal(("staff", "no attribution: the policy's default_role"), engine.RoleOf(none));
    }

    [Fact]
    public void Explain_gives_the_same_decision_and_lists_the_rules_tried()
    {
        var engine = PolicyFiles.Engine("001-template");
        var e = PolicyEvents.Make(PolicyEvents.Local(2026, 11, 24, 10, 45), "https://www.amazon.co.uk/", ["shopping"]);
        var x = engine.Explain(e);
        Assert.Same(engine.Decide(e), x.Decision);
        Assert.Equal("morning-break", x.Time.BreakName);
        Assert.Equal(new LocalDateTime(2026, 11, 24, 10, 45), x.Time.Local);
        Assert.Equal("personal-in-break-or-outside-hours", x.Steps[^1].Rule.Id);
        Assert.All(x.Steps.SkipLast(1), s => Assert.NotEqual(RuleMiss.None, s.Miss));
        var text = x.ToText();
        Assert.Contains("period:     break 'morning-break' 10:40-11:00", text);
        Assert.Contains("categories: shopping [personal]", text);
        Assert.Contains("verdict:    personal-break (rule personal-in-break-or-outside-hours, clause 8.3(a)", text);
    }

    [Fact]
    public void Enrich_sets_netwatch_policy_and_keeps_the_rest_of_the_event()
    {
        var engine = PolicyFiles.Engine("004-droitwich");
        var e = PolicyEvents.Make(PolicyEvents.Local(2026, 11, 24, 12, 30), "http://www.facebook.com/", ["social_networks"]);
        var enriched = ((IEventEnricher)engine).Enrich(e);
        Assert.Equal(e with { Policy = enriched.Policy }, enriched);
        Assert.Equal(Verdicts.Prohibited, enriched.Policy!.Verdict);
        Assert.Equal("004-droitwich", enriched.Policy.PolicyName);
    }
}
