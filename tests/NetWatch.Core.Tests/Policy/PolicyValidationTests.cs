using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Core.Tests.Policy;

/// <summary>A bad policy file fails at load with the file, the line and what is wrong.</summary>
public class PolicyValidationTests
{
    const string Valid = """
        name: small
        roles:
          staff:
            kind: staff
            week:
              weekdays:
                working: "08:00-16:30"
                breaks: { lunch: "12:20-13:10" }
        categories:
          personal: [social_networks]
        rules:
          - id: personal
            clause: "7.1.1"
            when: { class: personal, time: not-working }
            verdict: personal-break
        """;

    static PolicyError Single(string yaml)
    {
        var result = PolicyParser.Parse(yaml, "policies/bad.yaml");
        Assert.False(result.Success);
        Assert.Null(result.Policy);
        Assert.True(result.Errors.Count == 1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    [Fact]
    public void The_valid_base_parses_with_defaults()
    {
        var result = PolicyParser.Parse(Valid, "small.yaml");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var p = result.Policy!;
        Assert.Equal("Europe/London", p.TimeZone.Id);
        Assert.Equal("staff", p.DefaultRole);
        Assert.Equal([DayKind.Term, DayKind.Inset], p.Roles["staff"].WorksOn.Order());
        Assert.Equal("12:20-13:10", p.Roles["staff"].For(NodaTime.IsoDayOfWeek.Friday).Breaks[0].Interval.ToString());
        Assert.Same(DaySchedule.Off, p.Roles["staff"].For(NodaTime.IsoDayOfWeek.Saturday));
    }

    public static TheoryData<string, string, int, string> Broken => new()
    {
        { "break outside working hours", """breaks: { lunch: "12:20-13:10" }""", 8, """breaks: { lunch: "17:00-17:30" }""" },
        { "bad time", "working: \"08:00-16:30\"", 7, "working: \"8am-4pm\"" },
        { "end before start", "working: \"08:00-16:30\"", 7, "working: \"16:30-08:00\"" },
        { "unknown verdict", "verdict: personal-break", 15, "verdict: allowed" },
        { "missing clause", "    clause: \"7.1.1\"\n", 12, "" },
        { "unknown class", "class: personal,", 14, "class: leisure," },
        { "unknown time word", "time: not-working", 14, "time: lunchtime" },
        { "unknown key (typo)", "kind: staff", 4, "kind: staff\n    kinds: pupil" },
        { "bad kind", "kind: staff", 4, "kind: teacher" },
        { "bad zone", "name: small", 1, "name: small\ntime_zone: Europe/Londn" },
        { "default role not defined", "name: small", 1, "name: small\ndefault_role: pupil" },
        { "yaml syntax", "categories:", 10, "categories: [" },
        { "duplicate key", "name: small", 2, "name: small\nname: other" },
        { "bad indentation", "    kind: staff", 5, "    kind: staff\n   week: x" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_error_names_file_line_and_problem(string what, string find, int line, string replace)
    {
        Assert.Contains(find, Valid);
        var error = Single(Valid.Replace(find, replace));
        Assert.Equal("policies/bad.yaml", error.File);
        var expectedLine = what switch
        {
            "bad zone" or "default role not defined" => 2,
            "unknown key (typo)" => 5,
            _ => line,
        };
        Assert.True(expectedLine == error.Line, $"{what}: expected line {expectedLine}, got {error}");
        Assert.StartsWith($"policies/bad.yaml:{error.Line}: ", error.ToString());
        var keyword = what switch
        {
            "break outside working hours" => "17:00-17:30 is not inside the working hours (08:00-16:30)",
            "bad time" => "'8am-4pm' is not a time range",
            "end before start" => "the end must be after the start",
            "unknown verdict" => "verdict 'allowed' is not one of work, personal-break",
            "missing clause" => "rule 'personal': missing 'clause'",
            "unknown class" => "class 'leisure' is not one of work, personal, prohibited, safeguarding",
            "unknown time word" => "time 'lunchtime' is not one of",
            "unknown key (typo)" => "unknown key 'kinds'",
            "bad kind" => "kind must be staff or pupil, found 'teacher'",
            "bad zone" => "time_zone 'Europe/Londn' is not a tz database zone id",
            "default role not defined" => "default_role 'pupil' is not one of the roles defined (staff)",
            "yaml syntax" => "not valid YAML",
            "duplicate key" => "not valid YAML: Duplicate key name",
            "bad indentation" => "not valid YAML: While parsing a block map",
            _ => throw new InvalidOperationException(what),
        };
        Assert.Contains(keyword, error.Message);
    }

    [Fact]
    public void Overlapping_breaks_and_a_category_in_two_classes_are_all_reported_in_one_pass()
    {
        var yaml = Valid
            .Replace("""breaks: { lunch: "12:20-13:10" }""", """breaks: { lunch: "12:20-13:10", late-lunch: "13:00-13:30" }""")
            .Replace("personal: [social_networks]", "personal: [social_networks]\n  prohibited: [social_networks]");
        var errors = PolicyParser.Parse(yaml, "x.yaml").Errors;
        Assert.Equal(2, errors.Count);
        Assert.Equal(8, errors[0].Line);
        Assert.Contains("13:00-13:30 overlaps break 'lunch' 12:20-13:10", errors[0].Message);
        Assert.Equal(11, errors[1].Line);
        Assert.Contains("category 'social_networks' is already in class 'personal'", errors[1].Message);
    }

    [Fact]
    public void Rules_must_refer_to_defined_roles_and_allow_lists_and_have_unique_ids()
    {
        var yaml = Valid + """

              - id: personal
                clause: "x"
                when: { roles: [governor], allow: [edu-video] }
                verdict: work
            """;
        var errors = PolicyParser.Parse(yaml, "x.yaml").Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "x.yaml:16: rule id 'personal' is used twice",
            "x.yaml:18: rule 'personal': role 'governor' is not defined under roles",
            "x.yaml:18: rule 'personal': allow-list 'edu-video' is not defined under allow_lists",
        ], errors);
    }

    [Fact]
    public void Terms_that_overlap_or_end_before_they_start_are_errors()
    {
        var yaml = Valid + """

            calendar:
              terms:
                - { name: "Autumn", from: 2026-09-03, to: 2026-12-18 }
                - { name: "Overlap", from: 2026-12-01, to: 2027-01-10 }
                - { name: "Backwards", from: 2027-03-01, to: 2027-01-10 }
              inset_days: [2026-13-01]
            """;
        var errors = PolicyParser.Parse(yaml, "x.yaml").Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "x.yaml:20: calendar.terms: 'Backwards' ends (2027-01-10) before it starts (2027-03-01)",
            "x.yaml:19: calendar.terms: 'Overlap' overlaps 'Autumn'",
            "x.yaml:21: calendar.inset_days: '2026-13-01' is not a date like 2026-09-03",
        ], errors);
    }

    [Fact]
    public void An_empty_file_and_a_non_mapping_are_errors_at_line_1()
    {
        Assert.Equal("e.yaml:1: the file is empty", PolicyParser.Parse("", "e.yaml").Errors.Single().ToString());
        Assert.Contains("must be a mapping", PolicyParser.Parse("- a\n- b\n", "e.yaml").Errors.Single().ToString());
    }

    [Fact]
    public void A_missing_name_roles_and_rules_are_each_reported()
    {
        var errors = PolicyParser.Parse("title: nothing else\n", "e.yaml").Errors.Select(e => e.Message).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, m => m.StartsWith("missing 'name'"));
        Assert.Contains(errors, m => m.StartsWith("missing 'roles'"));
        Assert.Contains(errors, m => m.StartsWith("missing 'rules'"));
    }

    [Fact]
    public void A_break_that_overruns_the_working_day_is_named_with_its_role_and_day()
    {
        var yaml = Valid.Replace("weekdays:", "friday:").Replace("12:20-13:10", "16:00-17:00");
        var e = Single(yaml);
        Assert.Equal("roles.staff.week.friday.breaks.lunch: 16:00-17:00 is not inside the working hours (08:00-16:30)", e.Message);
    }
}
