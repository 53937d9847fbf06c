using NetWatch.Core.UrlClassification;
using NetWatch.Tests.Shared;

namespace NetWatch.Semantic.Tests;

/// <summary>The team's labelled set (data/safeguarding/set), split as fixed.</summary>
internal static class SafeguardingSet
{
    public static readonly Lazy<List<SafeguardingExample>> All = new(() =>
        Directory.GetFiles(RepoFiles.Path("data", "safeguarding", "set"), "*.tsv").Order()
            .SelectMany(f => SafeguardingExamples.Parse(File.ReadAllText(f), Path.GetFileName(f))).ToList());

    public static List<SafeguardingExample> Build => All.Value.Where(e => !SafeguardingExamples.IsMeasure(e.Text)).ToList();
    public static List<SafeguardingExample> Measure => All.Value.Where(e => SafeguardingExamples.IsMeasure(e.Text)).ToList();

    /// <summary>One model for the test run (loading it costs seconds).</summary>
    public static readonly Lazy<MiniLmEncoder> Encoder = new(() => new MiniLmEncoder());
    public static readonly Lazy<NearestExampleClassifier> Classifier = new(() => SemanticLayer.Create(Encoder.Value));
}
