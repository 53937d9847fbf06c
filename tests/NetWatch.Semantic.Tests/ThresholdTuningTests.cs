using NetWatch.Core.UrlClassification;
using Xunit.Abstractions;

namespace NetWatch.Semantic.Tests;

/// <summary>
/// How the default threshold was chosen: on the BUILD part only, each example decided by the others
/// (leave-one-out, with the lexical layer in front), for a range of thresholds. Prints the table; asserts that
/// the shipped default is the one that maximises the lower of recall and precision on build, so a changed set shows when it should move.
/// </summary>
public class ThresholdTuningTests(ITestOutputHelper output)
{
    [Fact]
    public void The_default_threshold_is_the_best_on_the_build_part_leaving_each_example_out()
    {
        var classifier = SafeguardingSet.Classifier.Value;
        var lexical = SafeguardingLexicalLayer.Default;
        var rows = new List<(double T, double R, double P, double F1)>();
        for (var t = 0.45; t <= 0.801; t += 0.05)
        {
            var tuned = new NearestExampleClassifierView(classifier, new SemanticSettings { Thresholds = new Dictionary<string, double>() }, t);
            int tp = 0, fp = 0, positives = 0;
            for (var i = 0; i < classifier.Count; i++)
            {
                var e = classifier.ExampleOf(i);
                var words = SafeguardingText.Words(e.Text);
                var flagged = lexical.Match(words) is not null || lexical.Cue(words) is not null && tuned.Decide(i) is not null;
                if (e.Concerning) { positives++; if (flagged) tp++; }
                else if (flagged) fp++;
            }
            double r = (double)tp / positives, p = (double)tp / Math.Max(1, tp + fp);
            rows.Add((Math.Round(t, 2), r, p, 2 * r * p / (r + p)));
            output.WriteLine($"threshold {t:0.00}: recall {r:P1} precision {p:P1} F1 {2 * r * p / (r + p):0.000}");
        }
        Assert.Equal(SemanticSettings.DefaultThreshold, rows.MaxBy(x => Math.Min(x.R, x.P)).T);
    }

    /// <summary>The classifier deciding with one threshold for every theme, an example left out.</summary>
    private sealed class NearestExampleClassifierView(NearestExampleClassifier inner, SemanticSettings _, double threshold)
    {
        public SafeguardingMatch? Decide(int i)
        {
            return inner.Decide(inner.VectorOf(i), exclude: i, threshold);
        }
    }
}
