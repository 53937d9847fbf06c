using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetWatch.Web.Pages;

/// <summary>
/// A chart's data for js/charts.js: labels and named series, written into the page as JSON (an inert
/// <c>application/json</c> script block, allowed by the pages' CSP, which forbids inline code).
/// </summary>
public sealed record Chart(string Id, string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Stacked = false, bool Horizontal = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    public bool IsEmpty => Labels.Count == 0 || Series.All(s => s.Data.All(d => d == 0));

    /// <summary>The JSON, escaped so that no "&lt;/script&gt;" in a label can end the block (the default encoder escapes &lt; and &gt;).</summary>
    public string ToJson() => JsonSerializer.Serialize(new { type = Type, labels = Labels, series = Series.Select(s => new { label = s.Label, data = s.Data, colour = s.Colour }), stacked = Stacked, horizontal = Horizontal }, Json);
}

/// <summary>A named series; <paramref name="Colour"/> names a CSS custom property (--chart-1...) to keep a meaning's colour across charts.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Data, string? Colour = null);
