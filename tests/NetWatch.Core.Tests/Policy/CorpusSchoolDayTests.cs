using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Tests.Shared;

namespace NetWatch.Core.Tests.Policy;

/// <summary>
/// Real corpus lines (../shared/corpus/squid-native.log) parsed by the Squid parser, given the categories the UT1
/// lists (../shared/data/ut1) give their host and the role the corpus README gives their user, then moved onto
/// the school day of <see cref="SeedPolicyVerdictTests"/>: each policy must judge them as it judges the
/// constructed events of the same sites.
/// </summary>
public class CorpusSchoolDayTests
{
    static readonly string[] Ut1Categories =
        ["adult", "agressif", "audio-video", "chat", "dangerous_material", "dating", "drogue", "gambling", "games", "hacking",
         "malware", "phishing", "press", "redirector", "shopping", "social_networks", "sports", "vpn", "webmail"];

    static readonly Lazy<Dictionary<string, HashSet<string>>> Ut1 = new(() =>
        Ut1Categories
            .Select(c => (c, Path.Combine(SharedData.Root, "data", "ut1", c, "domains")))
            .Where(x => File.Exists(x.Item2))   // adult/domains is missing from the shared subset (see its README)
            .ToDictionary(x => x.c, x => File.ReadLines(x.Item2).ToHashSet()));

    static readonly HashSet<string> Staff = ["j.smith", "a.patel", "m.brown"];

    /// <summary>The categories of a host: every UT1 list holding it or a parent domain (squidGuard domainlist semantics).</summary>
    static string[] CategoriesOf(string host)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        for (var h = host; ; h = h[(h.IndexOf('.') + 1)..])
        {
            foreach (var (cat, domains) in Ut1.Value)
                if (domains.Contains(h)) found.Add(cat);
            if (!h.Contains('.')) break;
        }
        return found.ToArray();
    }

    static NetEvent CorpusEvent(int lineNumber)
    {
        var line = File.ReadLines(SharedData.Corpus("squid-native.log")).ElementAt(lineNumber - 1);
        var parsed = LogFormats.CreateParser("squid-native").Parse(line, new EventOrigin("squid-native.log", lineNumber));
        Assert.True(parsed.IsSuccess, parsed.Reason);
        var e = parsed.Event!;
        return e with
        {
            Classification = new Classification { Categories = CategoriesOf(e.Url.Domain!) },
            Attribution = new Attribution { Roles = [Staff.Contains(e.UserName!) ? "staff" : "pupil"], Source = "proxy-auth", Confidence = 1 },
        };
    }

    public static TheoryData<string, int, string> Rows()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var policy in PolicyFiles.Names)
        {
            data.Add(policy, 2, "classroom");    // j.smith GET http://classroom.google.com/
            data.Add(policy, 19, "gmail");       // j.smith GET http://mail.google.com/mail/u/0/
            data.Add(policy, 23, "facebook");    // j.smith GET http://www.facebook.com/groups/school-pta
            data.Add(policy, 31, "bet365");      // a.patel GET http://www.bet365.com/ (denied by Squid: still judged)
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Corpus_lines_placed_on_a_school_day_get_the_verdicts_of_their_policy(string policy, int line, string sameAs)
    {
        var e = CorpusEvent(line);
        Assert.Equal(SeedPolicyVerdictTests.Events[sameAs].Categories.Order(), e.Classification!.Categories.Order());
        var engine = PolicyFiles.Engine(policy);
        var got = string.Concat(SeedPolicyVerdictTests.Moments.Select(m =>
            SeedPolicyVerdictTests.Code(engine.Decide(e with { Timestamp = m.At }).Verdict)));
        Assert.Equal(SeedPolicyVerdictTests.Expected[policy][sameAs], got);
    }

    [Fact]
    public void As_logged_on_a_Sunday_night_in_November_the_corpus_is_outside_working_hours()
    {
        var engine = PolicyFiles.Engine("000-local-authority");
        var facebook = CorpusEvent(23);
        var t = engine.Resolve(facebook.Timestamp, "staff");
        Assert.Equal(new NodaTime.LocalDateTime(2026, 11, 22, 22, 24, 51, 927), t.Local);
        Assert.Equal(NetWatch.Core.Policy.PeriodKind.Outside, t.Period);
        Assert.Equal("personal-break", engine.Decide(facebook).Verdict);
    }
}
