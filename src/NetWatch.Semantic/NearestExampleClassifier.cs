using System.Globalization;
using System.Numerics.Tensors;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Semantic;

/// <summary>
/// The semantic layer: embeds a text and compares it with the labelled examples (the build part of the team's set,
/// plus a DSL's feedback examples). Theme and severity are those of the nearest concerning examples; the evidence
/// names them ("reads like: ...") with their similarity.
/// </summary>
public sealed class NearestExampleClassifier : ISafeguardingSemantics
{
    private readonly MiniLmEncoder _encoder;
    private readonly SafeguardingExample[] _examples;
    private readonly float[] _vectors; // examples × 384, row-major
    private readonly SemanticSettings _settings;

    public int Count => _examples.Length;

    public NearestExampleClassifier(MiniLmEncoder encoder, IReadOnlyList<SafeguardingExample> examples,
        IReadOnlyDictionary<ulong, float[]> precomputed, SemanticSettings? settings = null)
    {
        _encoder = encoder;
        _settings = settings ?? new SemanticSettings();
        _examples = examples.ToArray();
        _vectors = new float[_examples.Length * MiniLmEncoder.Dimensions];
        var missing = new List<int>();
        for (var i = 0; i < _examples.Length; i++)
        {
            if (precomputed.TryGetValue(ExampleEmbeddings.Key(_examples[i].Text), out var v)) v.CopyTo(_vectors, i * MiniLmEncoder.Dimensions);
            else missing.Add(i);
        }
        // Examples without a shipped embedding (a DSL's feedback, or a set edited since) are embedded now.
        foreach (var chunk in missing.Chunk(64))
        {
            var encoded = encoder.Encode(chunk.Select(i => _examples[i].Text).ToArray());
            for (var j = 0; j < chunk.Length; j++) encoded[j].CopyTo(_vectors, chunk[j] * MiniLmEncoder.Dimensions);
        }
        EmbeddedAtStart = missing.Count;
    }

    /// <summary>How many examples had no precomputed embedding and were embedded at start.</summary>
    public int EmbeddedAtStart { get; }

    public SafeguardingMatch? Classify(string text) => Decide(_encoder.Encode([text])[0], exclude: -1);

    /// <summary>The decision for a vector; <paramref name="exclude"/>: an example index to leave out (leave-one-out);
    /// <paramref name="threshold"/>: one threshold for every theme instead of the settings' (tuning).</summary>
    internal SafeguardingMatch? Decide(float[] query, int exclude, double? threshold = null)
    {
        var k = _settings.Neighbours;
        var top = new List<(int Index, float Similarity)>(k + 1);
        var dims = MiniLmEncoder.Dimensions;
        for (var i = 0; i < _examples.Length; i++)
        {
            if (i == exclude) continue;
            var s = TensorPrimitives.Dot(query, _vectors.AsSpan(i * dims, dims));
            if (top.Count == k && s <= top[^1].Similarity) continue;
            var at = top.FindIndex(t => t.Similarity < s);
            top.Insert(at < 0 ? top.Count : at, (i, s));
            if (top.Count > k) top.RemoveAt(k);
        }
        var concerning = top.Where(t => _examples[t.Index].Concerning).ToList();
        if (concerning.Count == 0) return null;
        var harmlessWeight = top.Where(t => !_examples[t.Index].Concerning).Sum(t => t.Similarity);
        // The theme the concerning neighbours weigh most for; its nearest example sets the severity.
        var theme = concerning.GroupBy(t => _examples[t.Index].Theme).MaxBy(g => g.Sum(t => t.Similarity))!;
        var nearest = theme.First();
        var themeId = _examples[nearest.Index].Theme;
        if (nearest.Similarity < (threshold ?? _settings.ThresholdOf(themeId)) || concerning.Sum(t => t.Similarity) <= harmlessWeight) return null;
        var evidence = "reads like: " + string.Join(", ", theme.Take(3).Select(t =>
            $"\"{_examples[t.Index].Text}\" ({t.Similarity.ToString("0.00", CultureInfo.InvariantCulture)})"));
        return new SafeguardingMatch(themeId, _examples[nearest.Index].Severity, _examples[nearest.Index].Text,
            SafeguardingMatch.Semantic, Math.Round(nearest.Similarity, 3), evidence);
    }

    internal float[] VectorOf(int i) => _vectors.AsSpan(i * MiniLmEncoder.Dimensions, MiniLmEncoder.Dimensions).ToArray();
    internal SafeguardingExample ExampleOf(int i) => _examples[i];
}
