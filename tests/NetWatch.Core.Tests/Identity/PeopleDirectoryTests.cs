using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;

namespace NetWatch.Core.Tests.Identity;

public sealed class PeopleDirectoryTests
{
    private const string Csv = """
        username,aliases,display_name,role,group,working_pattern
        j.smith,SCHOOL\j.smith;j.smith@school.example;jsmith,John Smith,staff,English,teaching-fte
        y7.ahmed,SCHOOL\y7.ahmed|y7.ahmed@school.example,Yusuf Ahmed,Pupil,Year 7,pupil-day
        v.okafor,,Grace Okafor,visitor,,
        """;

    private static PeopleDirectory Directory()
    {
        var result = DirectoryCsvParser.Parse("directory.csv", Csv.Split('\n'));
        Assert.Empty(result.Errors);
        return result.Value;
    }

    [Theory]
    [InlineData("j.smith", "j.smith")]
    [InlineData("J.Smith", "j.smith")]
    [InlineData("JSMITH", "j.smith")]
    [InlineData("SCHOOL\\j.smith", "j.smith")]
    [InlineData("school\\\\y7.ahmed", "y7.ahmed")]   // Squid doubles the backslash
    [InlineData("school%5Cy7.ahmed", "y7.ahmed")]    // URL-encoded, as squidGuard sees it
    [InlineData("y7.ahmed@SCHOOL.EXAMPLE", "y7.ahmed")]
    [InlineData("school\\J.SMITH", "j.smith")]       // the domain form of a name that is not itself an alias
    [InlineData(" v.okafor ", "v.okafor")]
    public void Finds_people_by_any_logged_form(string logged, string expected) =>
        Assert.Equal(expected, Directory().Find(logged)?.UserName);

    [Theory]
    [InlineData("EVIL\\j.smith")]          // a domain none of the aliases use
    [InlineData("j.smith@evil.example")]
    [InlineData("y7 ahmed")]               // a space: not a name Squid accepted
    [InlineData("nosuchuser")]
    [InlineData("")]
    [InlineData("127.0.20.31")]
    public void Does_not_guess(string logged) => Assert.Null(Directory().Find(logged));

    [Fact]
    public void Reads_every_column()
    {
        var ahmed = Directory().Find("y7.ahmed")!;
        Assert.Equal("Yusuf Ahmed", ahmed.FullName);
        Assert.Equal(PersonRoles.Pupil, ahmed.Role);
        Assert.Equal(["pupil-day", "pupil"], ahmed.Roles);
        Assert.Equal("Year 7", ahmed.Group);
        Assert.Equal("pupil-day", ahmed.WorkingPatternId);
        Assert.Null(Directory().Find("v.okafor")!.Group);
    }

    [Property(MaxTest = 200)]
    public Property Lookup_ignores_case() => Prop.ForAll(
        Gen.Elements("j.smith", "SCHOOL\\j.smith", "y7.ahmed@school.example", "jsmith")
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(true, false), n.Length).Select(flags =>
                new string(n.Select((c, i) => flags[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray())))
            .ToArbitrary(),
        name => Directory().Find(name) is not null);

    [Theory]
    [InlineData("user,role\n,staff", 2, "empty username")]
    [InlineData("username,role\nj.smith,teacher", 2, "role 'teacher' is not one of staff, pupil, visitor, contractor")]
    [InlineData("username,role\nj smith,staff", 2, "contains a space")]
    [InlineData("username,aliases,role\nj.smith,js,staff\na.patel,JS,staff", 3, "name 'JS' is already used by 'j.smith' on line 2")]
    [InlineData("username,role\nj.smith,staff\nJ.SMITH,staff", 3, "already used by 'j.smith' on line 2")]
    [InlineData("login_name,role\nx,staff", 1, "missing column 'username'")]
    [InlineData("username,role\n\"j.smith,staff", 2, "unterminated quoted field")]
    [InlineData("username,role\nj.smith,staff,extra", 2, "3 fields but the header has 2")]
    [InlineData("", 0, "the file is empty")]
    public void Bad_files_name_the_line_and_the_problem(string text, long line, string problem)
    {
        var result = DirectoryCsvParser.Parse("people.csv", text.Split('\n'));
        var error = Assert.Single(result.Errors);
        Assert.Equal("people.csv", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem);
    }
}
