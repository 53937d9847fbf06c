using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;

namespace NetWatch.Core.Tests.Policy;

public class AllowListTests
{
    static readonly AllowListIndex Index = new(new Dictionary<string, AllowList>
    {
        ["edu-video"] = new("edu-video", [AllowEntry.Parse("www.bbc.co.uk/bitesize"), AllowEntry.Parse("KhanAcademy.org")], 1),
        ["school"] = new("school", [AllowEntry.Parse("google.com/classroom"), AllowEntry.Parse("classroom.google.com")], 2),
    });

    [Theory]
    [InlineData("www.khanacademy.org", "/math", 0b01)]
    [InlineData("khanacademy.org", null, 0b01)]
    [InlineData("cdn.www.khanacademy.org", "/", 0b01)]               // subdomains match
    [InlineData("notkhanacademy.org", "/", 0)]                      // a label boundary is required
    [InlineData("khanacademy.org.evil.example", "/", 0)]            // look-alike suffix
    [InlineData("www.bbc.co.uk", "/bitesize", 0b01)]
    [InlineData("www.bbc.co.uk", "/bitesize/articles/x", 0b01)]
    [InlineData("www.bbc.co.uk", "/bitesizeXYZ", 0)]                // path prefix stops at a segment boundary
    [InlineData("www.bbc.co.uk", "/news", 0)]
    [InlineData("www.bbc.co.uk", null, 0)]                          // CONNECT: no path, so no path entry matches
    [InlineData("classroom.google.com", "/", 0b10)]
    [InlineData("www.google.com", "/classroom/c/1", 0b10)]
    [InlineData("www.google.com", "/search", 0)]
    [InlineData("", "/", 0)]
    [InlineData(null, "/", 0)]
    public void Hosts_match_on_label_boundaries_and_paths_on_segment_boundaries(string? host, string? path, int expected)
    {
        Assert.Equal((uint)expected, Index.Match(host, path));
        Assert.Equal(expected != 0, Index.Explain(host, path).Any());
    }
}
