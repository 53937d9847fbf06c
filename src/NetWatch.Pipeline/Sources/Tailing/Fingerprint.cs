using System.IO.Hashing;

namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// A hash of a file's first bytes (up to 1 KiB), written "length:hash". It finds the copy that logrotate's
/// copytruncate leaves beside a log (same first bytes, another inode) and notices a file whose content was
/// replaced under the same inode.
/// </summary>
public static class Fingerprint
{
    public const int MaxBytes = 1024;

    /// <summary>The fingerprint of the first min(1 KiB, length) bytes, or null for an empty file.</summary>
    public static string? Of(FileStream file) => Of(file, MaxBytes);

    /// <summary>True when the file at <paramref name="path"/> starts with the bytes <paramref name="fingerprint"/> was made from.</summary>
    public static bool Matches(string path, string fingerprint)
    {
        var colon = fingerprint.IndexOf(':');
        if (colon <= 0 || !int.TryParse(fingerprint.AsSpan(0, colon), out var length)) return false;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Of(file, length) == fingerprint;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>True when the open file still starts with the bytes <paramref name="fingerprint"/> was made from.</summary>
    public static bool Matches(FileStream file, string fingerprint) => Of(file, Length(fingerprint)) == fingerprint;

    /// <summary>The number of bytes a fingerprint covers.</summary>
    public static int Length(string? fingerprint) =>
        fingerprint is not null && int.TryParse(fingerprint.AsSpan(0, Math.Max(0, fingerprint.IndexOf(':'))), out var n) ? n : 0;

    private static string? Of(FileStream file, int maxBytes)
    {
        if (maxBytes <= 0) return null;
        var buffer = new byte[maxBytes];
        var n = RandomAccess.Read(file.SafeFileHandle, buffer, 0);
        if (n == 0 || n < maxBytes && file.Length >= maxBytes) return null;
        return $"{n}:{XxHash64.HashToUInt64(buffer.AsSpan(0, n)):x16}";
    }
}
