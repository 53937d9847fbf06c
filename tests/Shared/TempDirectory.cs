namespace NetWatch.Tests.Shared;

/// <summary>A fresh directory under the system temp folder, deleted when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netwatch-test-" + Guid.NewGuid().ToString("n"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    private bool _kept;

    /// <summary>Leaves the directory in place when disposed: what a failed test wrote, for a look afterwards.</summary>
    public void Keep() => _kept = true;

    public void Dispose()
    {
        if (_kept) return;
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
