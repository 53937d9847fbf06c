namespace NetWatch.Benchmarks;

/// <summary>Reads the shared corpus ($NETWATCH_SHARED, or the first ancestor with shared/corpus).</summary>
public static class CorpusLines
{
    public static string[] Read(string file)
    {
        var path = Path.Combine(Locate(), file);
        return File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
    }

    /// <summary>The shared folder itself (corpus/, tools/, data/).</summary>
    public static string SharedRoot() => Path.GetDirectoryName(Locate())!;

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("NETWATCH_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "corpus");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/corpus above {AppContext.BaseDirectory}; set NETWATCH_SHARED");
    }
}
