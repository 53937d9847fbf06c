namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// Finds the shared read-only material: $NETWATCH_SHARED, or the first ancestor D of the test binaries with
/// D/shared/corpus. Fails loudly (never skips) when it is missing.
/// </summary>
public static class SharedCorpus
{
    private static readonly Lazy<string> CorpusDir = new(Locate);

    public static string Dir => CorpusDir.Value;

    public static string PathOf(string file) => Path.Combine(Dir, file);

    public static string[] Lines(string file)
    {
        var text = File.ReadAllText(PathOf(file));
        if (text.EndsWith('\n')) text = text[..^1];
        return text.Split('\n');
    }

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("NETWATCH_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            var fromEnv = Path.Combine(env, "corpus");
            if (Directory.Exists(fromEnv)) return fromEnv;
            throw new DirectoryNotFoundException($"NETWATCH_SHARED={env} has no corpus/ directory");
        }
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/corpus above {AppContext.BaseDirectory}; set NETWATCH_SHARED");
    }
}
