namespace NetWatch.Core.Tests.Identity;

/// <summary>Finds the shared corpus (NETWATCH_SHARED, or the first ancestor with shared/corpus) and the repo's samples.</summary>
internal static class TestPaths
{
    public static string Shared => Environment.GetEnvironmentVariable("NETWATCH_SHARED") is { Length: > 0 } env
        ? env
        : Path.Combine(Ancestor(d => Directory.Exists(Path.Combine(d, "shared", "corpus"))), "shared");

    public static string Corpus => Path.Combine(Shared, "corpus");

    public static string Samples => Path.Combine(Ancestor(d => Directory.Exists(Path.Combine(d, "samples", "attribution"))), "samples", "attribution");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Identity", "Fixtures", name);

    private static string Ancestor(Func<string, bool> test)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (test(d.FullName)) return d.FullName;
        throw new DirectoryNotFoundException($"no ancestor of {AppContext.BaseDirectory} has what the test needs");
    }
}
