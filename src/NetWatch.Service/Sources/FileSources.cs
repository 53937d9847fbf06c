using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Storage;

namespace NetWatch.Service.Sources;

/// <summary>
/// The followed files of a file source: its path, or every file matching a '*' in the path's file name (each
/// then its own source "name:file"). Each resumes from its committed position.
/// </summary>
internal static class FileSources
{
    private const int DetectionLines = 20;

    public static IEnumerable<Source<ParseJob, NotUsed>> Create(
        SourceConfig config, IReadOnlyDictionary<string, StoredPosition> positions, ServiceMetrics metrics,
        TailOptions options, ILogger logger, CancellationToken stop)
    {
        var files = Expand(config.Path!);
        var many = config.Path!.Contains('*');
        if (files.Count == 0 && many) throw new ConfigException($"source '{config.Name}'", $"no file matches '{config.Path}'");
        foreach (var file in files)
        {
            var name = many ? $"{config.Name}:{Path.GetFileName(file)}" : config.Name;
            var parser = Parser(config, file);
            var tailer = new FileTailer(name, file, options) { Notice = note => logger.LogWarning("{Source}: {Note}", name, note) };
            positions.TryGetValue(name, out var resume);
            tailer.Start(resume?.Position);
            if (parser is IStatefulLogLineParser stateful && tailer.CurrentFile is { } current && tailer.CurrentOffset > 0)
            {
                var directives = ParserPriming.Prime(stateful, current, tailer.CurrentOffset);
                logger.LogInformation("{Source}: {Directives} header lines before byte {Offset} read again for the {Format} parser",
                    name, directives, tailer.CurrentOffset, parser.Format);
            }
            var source = metrics.Add(name, "file");
            source.StoredOffset = resume?.Position.Offset ?? 0;
            source.LagBytes = () => tailer.BytesBehind(source.StoredOffset);
            logger.LogInformation("following {Path} as {Source} ({Format}) from byte {Offset}, line {Line}",
                file, name, parser.Format, resume?.Position.Offset ?? 0, resume?.Position.LineNumber ?? 0);
            yield return Source.UnfoldResourceAsync<TailBlock, FileTailer>(
                    () => Task.FromResult(tailer),
                    async t => await Task.Run(() => t.ReadAsync(stop)) is { } block
                        ? Akka.Util.Option<TailBlock>.Create(block) : Akka.Util.Option<TailBlock>.None,
                    t => { t.Dispose(); return Task.FromResult(Done.Instance); })
                .Select(block => new ParseJob(block.Lines, parser, block.Position, ResetParser: block.Lines.FirstLineNumber == 1));
        }
    }

    private static IReadOnlyList<string> Expand(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.Contains('*')) return [path];
        var dir = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToList() : [];
    }

    private static ILogLineParser Parser(SourceConfig config, string file)
    {
        if (config.Format is { } format) return LogFormats.CreateParser(format);
        if (!File.Exists(file))
            throw new ConfigException($"source '{config.Name}'", $"'{file}' does not exist yet, so its format cannot be detected: give 'format'");
        var detection = FormatDetector.Detect(LogFile.FirstLines(file, DetectionLines));
        return detection.Format is { } detected
            ? LogFormats.CreateParser(detected)
            : throw new ConfigException($"source '{config.Name}'", $"cannot tell the format of '{file}' ({detection.Reason}): give 'format'");
    }
}
