using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Feeds;

namespace NetWatch.Pipeline.Reference;

/// <summary>
/// Reads the attribution reference files from disk and hands their lines to the pure parsers in
/// NetWatch.Core.Identity. Any problem fails the load with file, line and what is wrong.
/// </summary>
public static class AttributionFiles
{
    public static PeopleDirectory LoadDirectory(string path) =>
        Unwrap(DirectoryCsvParser.Parse(path, ReadLines(path)));

    public static DeviceRegistry LoadDevices(string path) =>
        Unwrap(DeviceRegistryCsvParser.Parse(path, ReadLines(path)));

    /// <summary>Reads one lease / logon feed, detecting its format. BSD syslog lines take the year of the file's
    /// last modification unless <paramref name="options"/> gives one.</summary>
    public static IReadOnlyList<IpEvidence> LoadLeases(string path, FeedOptions? options = null)
    {
        var lines = ReadLines(path);
        options ??= new FeedOptions();
        if (options.SyslogYear is null)
            options = options with { SyslogYear = File.GetLastWriteTimeUtc(path).Year };
        return Unwrap(LeaseFeedReader.Read(path, lines, options));
    }

    /// <summary>Loads everything attribution needs; missing files mean an empty directory / registry.</summary>
    public static AttributionIndex LoadIndex(string? directoryPath, string? devicesPath, IEnumerable<string> leasePaths,
        AttributionOptions? options = null, FeedOptions? feedOptions = null)
    {
        var directory = directoryPath is null ? PeopleDirectory.Empty : LoadDirectory(directoryPath);
        var devices = devicesPath is null ? DeviceRegistry.Empty : LoadDevices(devicesPath);
        var evidence = new List<IpEvidence>();
        var errors = new List<ReferenceError>();
        foreach (var path in leasePaths)
        {
            try { evidence.AddRange(LoadLeases(path, feedOptions)); }
            catch (AttributionFilesException ex) { errors.AddRange(ex.Errors); }
        }
        if (errors.Count > 0) throw new AttributionFilesException(errors);
        return AttributionIndex.Build(directory, devices, evidence, options);
    }

    private static IReadOnlyList<string> ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AttributionFilesException([new ReferenceError(path, 0, $"cannot read the file: {ex.Message}")]);
        }
    }

    private static T Unwrap<T>(ReferenceParseResult<T> result) =>
        result.IsValid ? result.Value : throw new AttributionFilesException(result.Errors);
}
