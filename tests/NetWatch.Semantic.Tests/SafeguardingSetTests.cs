using NetWatch.Core.UrlClassification;
using NetWatch.Tests.Shared;

namespace NetWatch.Semantic.Tests;

public class SafeguardingSetTests
{
    [Fact]
    public void The_set_has_a_thousand_concerning_items_across_the_twelve_themes_and_as_many_look_alikes()
    {
        var all = SafeguardingSet.All.Value;
        var concerning = all.Count(e => e.Concerning);
        Assert.True(concerning >= 1000, $"{concerning} concerning");
        Assert.True(all.Count(e => !e.Concerning) >= concerning);
        Assert.Equal(SafeguardingLibrary.Default.Themes.Order(), all.Select(e => e.Theme).Distinct().Order());
        Assert.Equal(all.Count, all.Select(e => e.Text.ToLowerInvariant()).Distinct().Count());
        var measured = (double)SafeguardingSet.Measure.Count / all.Count;
        Assert.InRange(measured, 0.30, 0.40);
    }

    [Fact]
    public void The_classifier_ships_only_the_build_part()
    {
        var shipped = SemanticLayer.ShippedBuildExamples();
        Assert.Equal(SafeguardingSet.Build.Count, shipped.Count);
        Assert.DoesNotContain(shipped, e => SafeguardingExamples.IsMeasure(e.Text));
    }

    /// <summary>
    /// The shipped embeddings cover every build example, so the service embeds none at start. After editing the set:
    /// NETWATCH_WRITE_EMBEDDINGS=1 dotnet test tests/NetWatch.Semantic.Tests --filter Shipped_embeddings, then rebuild.
    /// </summary>
    [Fact]
    public void Shipped_embeddings_cover_every_build_example()
    {
        var build = SemanticLayer.ShippedBuildExamples();
        if (Environment.GetEnvironmentVariable("NETWATCH_WRITE_EMBEDDINGS") == "1")
        {
            var vectors = build.Chunk(64).SelectMany(c => SafeguardingSet.Encoder.Value.Encode(c.Select(e => e.Text).ToArray())).ToList();
            using var file = File.Create(RepoFiles.Path("src", "NetWatch.Semantic", "example-embeddings.bin"));
            ExampleEmbeddings.Write(file, build.Select((e, i) => (e.Text, vectors[i])).ToList());
            return;
        }
        var shipped = SemanticLayer.ShippedEmbeddings();
        var missing = build.Where(e => !shipped.ContainsKey(ExampleEmbeddings.Key(e.Text))).Select(e => e.Text).Take(5).ToList();
        Assert.True(missing.Count == 0, "no shipped embedding for: " + string.Join(" | ", missing) + " (regenerate, see this test's comment)");
    }

    [Fact]
    public void Precomputed_embeddings_round_trip_as_half_floats()
    {
        var v = Enumerable.Range(0, MiniLmEncoder.Dimensions).Select(i => MathF.Sin(i) / 20).ToArray();
        using var stream = new MemoryStream();
        ExampleEmbeddings.Write(stream, [("some text", v)]);
        stream.Position = 0;
        var back = ExampleEmbeddings.Read(stream)[ExampleEmbeddings.Key("some text")];
        Assert.All(v.Zip(back), p => Assert.InRange(p.Second - p.First, -0.001f, 0.001f));
    }
}
