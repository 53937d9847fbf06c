namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// Finds where a followed file's earlier content went: the file renamed by rotation (same device:inode) or the copy
/// left by copytruncate (same first bytes). Candidates are the siblings whose name starts with the log's name
/// (access.log.1, access.log-20261122, ...), not compressed ones.
/// </summary>
public static class RotatedFiles
{
    public static string? FindByIdentity(string path, string identity) =>
        Siblings(path).FirstOrDefault(p => FileIdentity.OfPath(p) == identity);

    public static string? FindByFingerprint(string path, string fingerprint, long minimumLength) =>
        Siblings(path).FirstOrDefault(p => new FileInfo(p).Length >= minimumLength && Fingerprint.Matches(p, fingerprint));

    /// <summary>
    /// The rotated (uncompressed) files last written after <paramref name="rotated"/>, oldest first: after a restart that found
    /// its file renamed twice (access.log.2), the file rotated in and away again meanwhile (access.log.1). By modification
    /// time, which orders both numbered (.1, .2) and dated (-20261203) names.
    /// </summary>
    public static IReadOnlyList<string> NewerThan(string path, string rotated)
    {
        var written = File.GetLastWriteTimeUtc(rotated);
        return Siblings(path).Where(p => p != rotated && File.GetLastWriteTimeUtc(p) > written)
            .OrderBy(p => File.GetLastWriteTimeUtc(p)).ToList();
    }

    /// <summary>The rotated (uncompressed) files beside <paramref name="path"/>, by name.</summary>
    public static IReadOnlyList<string> Of(string path) => Siblings(path).ToList();

    private static IEnumerable<string> Siblings(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, name + "*")
            .Where(p => Path.GetFileName(p) != name && !p.EndsWith(".gz", StringComparison.Ordinal)
                && !p.EndsWith(".bz2", StringComparison.Ordinal) && !p.EndsWith(".xz", StringComparison.Ordinal)
                && !p.EndsWith(".zst", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}
