namespace NetWatch.Tests.Shared;

/// <summary>Paths inside this repository (the first ancestor of the test binaries holding NetWatch.sln).</summary>
public static class RepoFiles
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NetWatch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NetWatch.sln not found above " + AppContext.BaseDirectory);
    }
}
