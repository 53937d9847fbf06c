using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Service.Sources.File;

/// <summary>The <c>file</c> source kind: <c>path</c> and an optional <c>format</c>.</summary>
public sealed class FileSourceKind : ISourceKind
{
    public const string TypeName = "file";
    private const int DetectionLines = 20;

    public string Type => TypeName;

    public bool Replays => true;

    public IReadOnlyList<string> Keys { get; } = ["path", "format"];

    public SourceSettings Bind(SourceBinding b) =>
        new FileSourceSettings(b.Name, b.String("path") ?? throw b.Error(null, $"file source '{b.Name}' needs a path"), b.Format("format"));

    public IPreparedSource Prepare(SourceSettings settings, SourceContext context)
    {
        var file = (FileSourceSettings)settings;
        var paths = Expand(file.Path);
        var many = file.Path.Contains('*');
        if (paths.Count == 0 && many) throw new Config.ConfigException($"source '{file.Name}'", $"no file matches '{file.Path}'");
        var files = paths.Select(path => new PreparedFile(file, many ? $"{file.Name}:{System.IO.Path.GetFileName(path)}" : file.Name, path,
            StartingParser(file, path))).ToList();
        return new PreparedFiles(files, context);
    }

    /// <summary>The given format's parser, else the one detected from the file's first lines; null while the file is empty or missing (detected when lines arrive).</summary>
    private static ILogLineParser? StartingParser(FileSourceSettings settings, string path)
    {
        if (settings.Format is { } format) return LogFormats.CreateParser(format);
        if (!System.IO.File.Exists(path) || new FileInfo(path).Length == 0) return null;
        return Detect(LogFile.FirstLines(path, DetectionLines), out var reason)
            ?? throw new Config.ConfigException($"source '{settings.Name}'", $"cannot tell the format of '{path}' ({reason}): give 'format'");
    }

    /// <summary>The parser for the format these lines are in, or null with the reason.</summary>
    internal static ILogLineParser? Detect(IReadOnlyList<string> lines, out string? reason)
    {
        var detection = FormatDetector.Detect(lines);
        reason = detection.Reason;
        return detection.Format is { } detected ? LogFormats.CreateParser(detected) : null;
    }

    private static IReadOnlyList<string> Expand(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!name.Contains('*')) return [path];
        var dir = System.IO.Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToList() : [];
    }
}

/// <summary>One file of a file source, checked: its source name, path and parser (null: detected when its first lines arrive).</summary>
internal sealed record PreparedFile(FileSourceSettings Settings, string Name, string Path, ILogLineParser? Parser);
