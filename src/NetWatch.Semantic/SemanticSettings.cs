namespace NetWatch.Semantic;

/// <summary>
/// How the nearest labelled examples decide. A text is flagged when its nearest concerning example is at least the
/// theme's threshold similar (cosine, 0-1) AND the concerning examples among its <see cref="Neighbours"/> nearest
/// outweigh the harmless ones (similarity-weighted). The default maximises the lower of recall and precision on the build part, each example left out (ThresholdTuningTests).
/// </summary>
public sealed record SemanticSettings
{
    public const double DefaultThreshold = 0.65;

    public int Neighbours { get; init; } = 7;
    /// <summary>Theme id → threshold; themes not listed use <see cref="DefaultThreshold"/>.</summary>
    public IReadOnlyDictionary<string, double> Thresholds { get; init; } = new Dictionary<string, double>();

    public double ThresholdOf(string theme) => Thresholds.TryGetValue(theme, out var t) ? t : DefaultThreshold;
}
