using System.IO.Compression;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Pipeline.Reference;

/// <summary>
/// Reads list sets in the squidGuard/UT1 layout from disk and hands their bytes to <see cref="CategoryMatcherBuilder"/>:
/// <c>DIR/&lt;category&gt;/domains</c>, <c>urls</c>, <c>expressions</c> (each may be split as <c>domains.0</c>,
/// <c>domains.1</c>... and/or gzip-compressed as <c>.gz</c>), and the optional local override folder
/// <c>DIR/allow/</c> (see <see cref="UrlCategorizer"/> for the precedence). Other files (usage, README...) are ignored.
/// </summary>
public static class CategoryListLoader
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Loads several list sets; later sets take precedence (see <see cref="UrlCategorizer"/>).</summary>
    public static UrlCategorizer Load(IEnumerable<string> directories) => new(directories.Select(LoadListSet).ToArray());

    /// <exception cref="DirectoryNotFoundException">the directory does not exist</exception>
    /// <exception cref="ReferenceDataException">a bad entry: file, line and what is wrong</exception>
    public static CategoryMatcher LoadListSet(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"list directory '{directory}' does not exist");
        var builder = new CategoryMatcherBuilder(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))));
        var categories = 0;
        foreach (var dir in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.')) continue;
            if (AddCategory(builder, name, dir)) categories++;
            if (name != UrlCategorizer.AllowCategory) continue;
            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
                if (AddCategory(builder, UrlCategorizer.AllowPrefix + Path.GetFileName(sub), sub)) categories++;
        }
        if (categories == 0)
            throw new ReferenceDataException(directory, 0, "no category folders found (expected <category>/domains, urls or expressions)");
        return builder.Build();
    }

    /// <summary>
    /// The category names list sets hold (folders with a domains, urls or expressions file; <c>allow/</c> overrides
    /// are not categories), read from the layout alone: for checking a policy's names before the lists are loaded.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">a directory does not exist</exception>
    public static IReadOnlyCollection<string> CategoryNames(IEnumerable<string> directories)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
                throw new DirectoryNotFoundException($"list directory '{directory}' does not exist");
            foreach (var dir in Directory.EnumerateDirectories(directory))
            {
                var name = Path.GetFileName(dir);
                if (name.StartsWith('.') || name == UrlCategorizer.AllowCategory) continue;
                if (new[] { "domains", "urls", "expressions" }.Any(f => ListFiles(dir, f).Any())) names.Add(name);
            }
        }
        return names;
    }

    private static bool AddCategory(CategoryMatcherBuilder builder, string category, string dir)
    {
        var found = false;
        foreach (var file in ListFiles(dir, "domains"))
        {
            found = true;
            var length = new FileInfo(file).Length;
            builder.ReserveDomains((int)Math.Min(int.MaxValue / 2, (file.EndsWith(".gz") ? length * 4 : length) / 18));
            Reading(file, () => ReadLines(file, (bytes, source, ref line) => builder.AddDomainLines(category, bytes, source, ref line)));
        }
        foreach (var file in ListFiles(dir, "urls"))
        {
            found = true;
            Reading(file, () => ReadLines(file, (bytes, source, ref line) => builder.AddUrlLines(category, bytes, source, ref line)));
        }
        foreach (var file in ListFiles(dir, "expressions"))
        {
            found = true;
            Reading(file, () => builder.AddExpressions(category, ReadAllLines(file), file));
        }
        if (found) builder.AddCategory(category);
        return found;
    }

    /// <summary>A list file that cannot be read (I/O error, not a file, corrupt gzip) is a problem of the file, not of a line.</summary>
    private static void Reading(string file, Action read)
    {
        try { read(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ReferenceDataException(file, 0, $"cannot read the file: {ex.Message}");
        }
    }

    /// <summary>name, name.gz, name.0, name.1.gz ... in a stable order.</summary>
    private static IEnumerable<string> ListFiles(string dir, string name) =>
        Directory.EnumerateFiles(dir)
            .Where(f =>
            {
                var file = Path.GetFileName(f);
                if (file.EndsWith(".gz", StringComparison.Ordinal)) file = file[..^3];
                return file == name || (file.StartsWith(name + ".", StringComparison.Ordinal) && file[(name.Length + 1)..].All(char.IsAsciiDigit));
            })
            .Order(StringComparer.Ordinal);

    private delegate void LinesHandler(ReadOnlySpan<byte> lines, string source, ref long lineNumber);

    private static Stream Open(string file)
    {
        Stream stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>Streams a file in 1 MiB chunks, passing only complete lines, so a huge list never sits in memory twice.</summary>
    private static void ReadLines(string file, LinesHandler handle)
    {
        using var stream = Open(file);
        var buffer = new byte[ChunkSize];
        var kept = 0;
        long lineNumber = 1;
        while (true)
        {
            var read = ReadFully(stream, buffer.AsSpan(kept));
            var filled = kept + read;
            if (read == 0)
            {
                if (filled > 0) handle(buffer.AsSpan(0, filled), file, ref lineNumber);
                return;
            }
            var lastNewline = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
            if (lastNewline < 0)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                kept = filled;
                continue;
            }
            handle(buffer.AsSpan(0, lastNewline + 1), file, ref lineNumber);
            kept = filled - lastNewline - 1;
            buffer.AsSpan(lastNewline + 1, kept).CopyTo(buffer);
        }
    }

    private static int ReadFully(Stream stream, Span<byte> target)
    {
        var total = 0;
        while (total < target.Length)
        {
            var n = stream.Read(target[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static IEnumerable<string> ReadAllLines(string file)
    {
        using var reader = new StreamReader(Open(file));
        while (reader.ReadLine() is { } line) yield return line;
    }
}
