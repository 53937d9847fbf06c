namespace NetWatch.Web.Printing;

/// <summary>
/// Finds the Chromium that prints PDFs: the configured path (<c>reports.chromium</c>), else the first of Debian's and
/// the usual distributions' names found on PATH. Null when there is none (the PDF page then says so, 503).
/// </summary>
public static class ChromiumLocator
{
    public static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser's path, or null with the reason it was not found.</summary>
    public static (string? Path, string? Problem) Find(string? configured)
    {
        if (configured is not null)
            return File.Exists(configured) ? (configured, null) : (null, $"there is no Chromium at {configured} (reports.chromium)");
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Names)
            foreach (var dir in dirs)
                if (Path.Combine(dir, name) is var candidate && File.Exists(candidate)) return (candidate, null);
        return (null, $"no Chromium was found on this server (looked for {string.Join(", ", Names)} on PATH): install Debian's chromium package or set reports.chromium to its path");
    }
}
