using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class SafeguardingLibraryTests
{
    [Fact]
    public void Shipped_library_covers_every_uk_safer_internet_centre_theme()
    {
        string[] themes = ["illegal", "bullying", "child-sexual-exploitation", "discrimination", "drugs", "extremism",
                           "gambling", "pornography", "self-harm", "eating-disorder", "suicide", "violence"];
        Assert.Equal(themes.Order(), SafeguardingLibrary.Default.Themes.Order());
        Assert.All(SafeguardingLibrary.Default.Phrases, p => Assert.InRange(p.Severity, 1, 5));
        Assert.Contains(SafeguardingLibrary.Default.Phrases, p => p.Exclusions.Contains("suicide squad"));
    }

    [Theory]
    [InlineData("themes:\n  - id: x\n    phrases:\n      - { phrase: hello, severity: 9 }\n", 4, "severity must be 1 to 5")]
    [InlineData("themes:\n  - id: x\n    phrases:\n      - { phrase: '', severity: 2 }\n", 4, "no words")]
    [InlineData("themes:\n  - phrases: []\n", 2, "needs an 'id'")]
    [InlineData("nothing: here\n", 1, "expected 'themes:'")]
    [InlineData("themes: [ {\n", 2, "")]
    public void A_bad_library_fails_with_line_and_reason(string yaml, int line, string reason)
    {
        var e = Assert.Throws<ReferenceDataException>(() => SafeguardingLibrary.Parse(yaml, "phrases.yaml"));
        Assert.Equal(("phrases.yaml", (long)line), (e.SourceName, e.Line));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void An_edited_library_is_used_as_written()
    {
        var lib = SafeguardingLibrary.Parse("themes:\n  - id: custom\n    phrases:\n      - { phrase: vape shop, severity: 2, exclude: [vape shop closed] }\n", "x");
        var m = new SafeguardingMatcher(lib);
        Assert.Equal(new SafeguardingMatch("custom", 2, "vape shop"), m.Match("nearest vape shop"));
        Assert.Null(m.Match("vape shop closed"));
    }
}
