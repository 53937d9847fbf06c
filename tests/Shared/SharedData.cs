namespace NetWatch.Tests.Shared;

/// <summary>
/// Finds the team's read-only shared folder (corpus, data, tools): $NETWATCH_SHARED, else the first
/// ancestor D of the test binaries with D/shared/corpus (CI clones the repo with shared/ beside it).
/// </summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string Corpus(string name) => Path.Combine(Root, "corpus", name);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("NETWATCH_SHARED") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/ (with corpus/) not found above " + AppContext.BaseDirectory + "; set NETWATCH_SHARED");
    }
}
