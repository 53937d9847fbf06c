using System.Text;

namespace NetWatch.Pipeline.Sources;

/// <summary>Opens a log file for reading as text, gunzipping it when it starts with the gzip magic bytes.</summary>
public static class LogFile
{
    public static TextReader OpenText(string path, ByteCounter? counter = null) => OpenText(path, counter, out _);

    /// <summary>Opens as text; <paramref name="gzip"/> is the decompressing stream of a gzip file (null for plain text), which tells at the end whether it was cut short.</summary>
    public static TextReader OpenText(string path, ByteCounter? counter, out GzipFileStream? gzip)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        Stream stream = counter is null ? file : new CountingStream(file, counter);
        var magic = new byte[2];
        var n = file.Read(magic, 0, 2);
        file.Position = 0;
        gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GzipFileStream(stream, path) : null;
        return new StreamReader(gzip ?? stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    /// <summary>The first <paramref name="count"/> lines (for format detection).</summary>
    public static IReadOnlyList<string> FirstLines(string path, int count)
    {
        using var reader = OpenText(path);
        var lines = new List<string>(count);
        while (lines.Count < count && reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
