namespace NetWatch.Tests.Shared;

/// <summary>
/// Finds the team's read-only shared folder (corpus, data, tools): $NETWATCH_SHARED, else the first
/// ancestor D of the test binaries with D/shared/corpus (CI clones the repo with shared/ beside it).
/// </summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string Corpus(string name) => Path.Combine(Root, "corpus", name);

    /// <summary>Writes <paramref name="lines"/> lines of tools/gen_squid_log.py's Squid log (its <paramref name="seed"/>) to <paramref name="path"/>.</summary>
    public static string GenerateSquidLog(string path, int lines, int seed)
    {
        var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(Root, "tools", "gen_squid_log.py"), "--seed", seed.ToString(), "--lines", lines.ToString() })
            start.ArgumentList.Add(a);
        using (var process = System.Diagnostics.Process.Start(start)!)
        using (var file = File.Create(path))
        {
            process.StandardOutput.BaseStream.CopyTo(file);
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"gen_squid_log.py exited with {process.ExitCode}");
        }
        return path;
    }

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
