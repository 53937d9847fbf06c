using System.Text.Json;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary><c>import --semantic --safeguarding-examples F</c>: each flagged search says which layer decided and why.</summary>
public sealed class ImportSemanticTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Flagged_searches_carry_their_layer_score_and_evidence_into_the_export()
    {
        // Three searches: one the lexicon knows, one only a DSL's feedback example resembles, one harmless.
        string[] searches = ["ways+to+kms", "numb+and+empty+every+night+i+just+want+to+be+gone", "photosynthesis+revision"];
        var log = _dir.File("access.log");
        File.WriteAllLines(log, searches.Select((q, i) =>
            $"1764590400.{i:000}    120 10.0.0.{i + 1} TCP_MISS/200 5120 GET https://www.google.co.uk/search?q={q} - HIER_DIRECT/142.250.0.1 text/html"));
        var feedback = _dir.File("feedback.tsv");
        File.WriteAllText(feedback, "label\ttheme\tseverity\ttext\nconcerning\tsuicide\t4\tnumb and empty every night i just want to be gone\n");
        var import = Netwatch.Run("import", "--store", _dir.File("store"), "--lists", RepoFiles.Path("data", "lists", "school-example"),
            "--semantic", "--safeguarding-examples", feedback, log);
        Assert.True(import.ExitCode == 0, import.Stderr);

        var export = Netwatch.Run("export", "--store", _dir.File("store"));
        var docs = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement? Safeguarding(int i) => docs[i].GetProperty("netwatch").TryGetProperty("safeguarding", out var s) ? s : null;
        Assert.Equal("lexical", Safeguarding(0)!.Value.GetProperty("layer").GetString());
        Assert.Equal("semantic", Safeguarding(1)!.Value.GetProperty("layer").GetString());
        Assert.StartsWith("reads like: \"numb and empty every night", Safeguarding(1)!.Value.GetProperty("evidence").GetString());
        Assert.InRange(Safeguarding(1)!.Value.GetProperty("score").GetDouble(), 0.65, 1.0);
        Assert.Null(Safeguarding(2));
    }

    [Fact]
    public void A_bad_examples_file_fails_with_file_and_line()
    {
        var feedback = _dir.File("feedback.tsv");
        File.WriteAllText(feedback, "label\ttheme\tseverity\ttext\nmaybe\tsuicide\t4\tx\n");
        var r = Netwatch.Run("import", "--store", _dir.File("store"), "--lists", RepoFiles.Path("data", "lists", "school-example"),
            "--semantic", "--safeguarding-examples", feedback, RepoFiles.Path("samples", "logs", "squid-native.log"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(feedback + ":2: label must be", r.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
