using System.Text;
using NetWatch.Core.UrlClassification;
using Xunit.Abstractions;

namespace NetWatch.Semantic.Tests;

/// <summary>
/// Recall and precision on the measure part of the team's set (never used to write the lexicon or train), per theme
/// and overall, for the lexical layer alone and for both layers. Precision per theme counts the theme's own
/// look-alikes flagged as false positives.
/// </summary>
public class SafeguardingEvaluationTests(ITestOutputHelper output)
{
    /// <summary>The level reached on the measure part (the project's goal is 90/90; see the README).</summary>
    private const double RequiredRecall = 0.90, RequiredPrecision = 0.90;

    internal sealed record Score(string Theme, int Concerning, int Found, int Harmless, int FalsePositives)
    {
        public double Recall => Concerning == 0 ? 1 : (double)Found / Concerning;
        public double Precision => Found + FalsePositives == 0 ? 1 : (double)Found / (Found + FalsePositives);
    }

    internal static List<Score> Evaluate(IReadOnlyList<SafeguardingExample> items, Func<string, SafeguardingMatch?> detect)
    {
        var flagged = items.Select(e => (e, m: detect(e.Text))).ToList();
        var scores = flagged.GroupBy(x => x.e.Theme).OrderBy(g => g.Key).Select(g => new Score(g.Key,
            g.Count(x => x.e.Concerning), g.Count(x => x.e.Concerning && x.m is not null),
            g.Count(x => !x.e.Concerning), g.Count(x => !x.e.Concerning && x.m is not null))).ToList();
        scores.Add(new Score("overall", scores.Sum(s => s.Concerning), scores.Sum(s => s.Found), scores.Sum(s => s.Harmless), scores.Sum(s => s.FalsePositives)));
        return scores;
    }

    internal static string Table(List<Score> lexical, List<Score> both)
    {
        var b = new StringBuilder($"{"theme",-27} {"n+",4} {"n-",4} | {"lexical R",9} {"P",6} {"FP",3} | {"both R",7} {"P",6} {"FP",3}\n");
        foreach (var (l, s) in lexical.Zip(both))
            b.AppendLine($"{l.Theme,-27} {l.Concerning,4} {l.Harmless,4} | {l.Recall,9:P1} {l.Precision,6:P1} {l.FalsePositives,3} | {s.Recall,7:P1} {s.Precision,6:P1} {s.FalsePositives,3}");
        return b.ToString();
    }

    [Fact]
    public void Both_layers_reach_the_goal_on_the_measure_part()
    {
        var measure = SafeguardingSet.Measure;
        var lexical = Evaluate(measure, t => SafeguardingDetector.Default.Detect(t));
        var detector = new SafeguardingDetector(SafeguardingLexicalLayer.Default, SafeguardingSet.Classifier.Value);
        var both = Evaluate(measure, t => detector.Detect(t));
        output.WriteLine(Table(lexical, both));
        var all = both[^1];
        Assert.True(all.Recall >= RequiredRecall && all.Precision >= RequiredPrecision,
            $"both layers: recall {all.Recall:P1}, precision {all.Precision:P1}\n" + Table(lexical, both));
    }
}
