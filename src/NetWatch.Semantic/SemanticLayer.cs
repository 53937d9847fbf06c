using System.Reflection;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Semantic;

/// <summary>
/// Builds the semantic layer as shipped: the build part of the team's labelled set (embedded), its precomputed
/// embeddings, and a DSL's feedback examples files (same format, see <see cref="SafeguardingExamples"/>).
/// </summary>
public static class SemanticLayer
{
    private static readonly Assembly Self = typeof(SemanticLayer).Assembly;

    /// <summary>The build part of the shipped set (never its measure part).</summary>
    public static List<SafeguardingExample> ShippedBuildExamples() =>
        Self.GetManifestResourceNames().Where(n => n.StartsWith("NetWatch.Semantic.set.", StringComparison.Ordinal)).Order()
            .SelectMany(n => SafeguardingExamples.Parse(ReadText(n), n["NetWatch.Semantic.set.".Length..]))
            .Where(e => !SafeguardingExamples.IsMeasure(e.Text))
            .ToList();

    public static IReadOnlyDictionary<ulong, float[]> ShippedEmbeddings()
    {
        using var stream = Self.GetManifestResourceStream("NetWatch.Semantic.example-embeddings.bin");
        return stream is null ? new Dictionary<ulong, float[]>() : ExampleEmbeddings.Read(stream);
    }

    /// <summary>The classifier over the shipped examples plus the feedback files' (read by the caller).</summary>
    public static NearestExampleClassifier Create(MiniLmEncoder encoder, IEnumerable<SafeguardingExample>? feedback = null,
        SemanticSettings? settings = null) =>
        new(encoder, [.. ShippedBuildExamples(), .. feedback ?? []], ShippedEmbeddings(), settings);

    private static string ReadText(string name)
    {
        using var s = Self.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
