using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Cli;

/// <summary>Picks the parser for a file: the --format given, else the format detected from its first lines.</summary>
internal static class ParserSelection
{
    private const int DetectionLines = 20;

    public static IReadOnlyList<string> FormatNames => LogFormats.Names;

    public static ILogLineParser Resolve(string path, string? format)
    {
        if (!File.Exists(path)) throw new UsageException($"FILE '{path}' does not exist");
        if (format is not null)
            return LogFormats.TryCreateParser(format, ParserOptions.Default, out var chosen)
                ? chosen
                : throw new UsageException($"--format '{format}' is not a known format; known formats: {string.Join(", ", LogFormats.Names)}");
        var detection = FormatDetector.Detect(LogFile.FirstLines(path, DetectionLines));
        if (detection.Format is null)
            throw new UsageException($"cannot tell the log format of '{path}' ({detection.Reason}); give it with --format, one of: {string.Join(", ", LogFormats.Names)}");
        return LogFormats.TryCreateParser(detection.Format, ParserOptions.Default, out var detected)
            ? detected
            : throw new InvalidOperationException($"detected format {detection.Format} has no parser");
    }
}
