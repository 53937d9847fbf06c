using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Tests.Shared;

namespace NetWatch.Core.Tests.Policy;

/// <summary>The directory's working pattern picks the policy's schedule for that person.</summary>
public sealed class WorkingPatternTests
{
    private static PeopleDirectory SampleDirectory()
    {
        var path = RepoFiles.Path("samples", "attribution", "directory.csv");
        var result = DirectoryCsvParser.Parse(path, File.ReadAllLines(path));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Value;
    }

    [Fact]
    public void Support_staff_are_judged_on_their_own_schedule_on_a_half_term_day()
    {
        var engine = new PolicyEngine(PolicyFiles.Load("000-local-authority"));
        var brown = SampleDirectory().Find("m.brown")!;
        var smith = SampleDirectory().Find("j.smith")!;
        // Tuesday of the autumn half term, 10:00: IT support works (works_on holiday), teachers do not.
        var at = PolicyEvents.Local(2026, 10, 27, 10, 0);
        NetEvent As(Person p) => PolicyEvents.Make(at, "https://www.facebook.com/", ["social_networks"], user: p.UserName) with
        {
            Attribution = new Attribution { Roles = p.Roles, Source = "proxy-auth", Confidence = 1 },
        };
        Assert.Equal(("support-staff", "from user.roles"), engine.RoleOf(As(brown)));
        Assert.Equal(Verdicts.PersonalWorkingHours, engine.Decide(As(brown)).Verdict);
        Assert.Equal(Verdicts.PersonalBreak, engine.Decide(As(smith)).Verdict);
    }

    [Fact]
    public void A_pattern_the_policy_lacks_is_an_error_naming_both()
    {
        var directory = DirectoryCsvParser.Parse("people.csv", [
            "username,role,working_pattern", "j.smith,staff,teaching-fte", "a.patel,staff,teaching-fte", "m.brown,staff,support-staff",
        ]).Value;
        var errors = WorkingPatternCheck.Check(PolicyFiles.Load("000-local-authority"), "000.yaml", directory, "people.csv");
        Assert.Equal(["people.csv: working_pattern 'teaching-fte' (j.smith, a.patel) is not a role of the policy 000.yaml "
            + "(its roles: staff, staff-part-time, support-staff, pupil)"], errors);
        Assert.Empty(WorkingPatternCheck.Check(PolicyFiles.Load("000-local-authority"), "000.yaml", SampleDirectory(), "people.csv"));
    }
}
