using System.CommandLine;
using NetWatch.Core.Identity;
using NetWatch.Core.Events;
using NetWatch.Pipeline.Reference;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>--directory FILE --devices FILE --leases FILE...</c>: the reference data attribution needs. Lease /
/// logon feeds are recognised from their content (ISC dhcpd leases or syslog, Windows DHCP audit log,
/// FreeRADIUS detail, Winlogbeat / NXLog JSON); --leases may be given once per file or with several files.
/// </summary>
internal sealed class AttributionArguments
{
    public Option<string?> Directory { get; } = new("--directory")
    {
        Description = "People: CSV export (username, aliases, display_name, role, group, working_pattern)",
    };

    public Option<string?> Devices { get; } = new("--devices")
    {
        Description = "Device registry: CSV (ip, mac, name, owner, kind = shared/assigned/guest/infrastructure)",
    };

    public Option<string[]> Leases { get; } = new("--leases")
    {
        Description = "IP → user/device feeds, format detected: dhcpd.leases, dhcpd syslog, Windows DHCP audit log, FreeRADIUS detail, Winlogbeat/NXLog JSON",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Directory, Devices, Leases];

    /// <summary>The attribution enricher, or null when none of the options was given. Bad files are usage errors naming file and line.</summary>
    public AttributionEnricher? Load(ParseResult parse, TextWriter warnings)
    {
        var directory = parse.GetValue(Directory);
        var devices = parse.GetValue(Devices);
        var leases = parse.GetValue(Leases) ?? [];
        if (directory is null && devices is null && leases.Length == 0) return null;
        foreach (var path in leases.Prepend(devices).Prepend(directory).OfType<string>())
            if (!File.Exists(path)) throw new UsageException($"attribution file '{path}' does not exist");
        AttributionIndex index;
        try { index = AttributionFiles.LoadIndex(directory, devices, leases); }
        catch (AttributionFilesException ex) { throw new UsageException("bad attribution data:" + Environment.NewLine + ex.Message); }
        foreach (var warning in index.Warnings) warnings.WriteLine($"netwatch: warning: {warning}");
        return new AttributionEnricher(index, new FindingCollector(index));
    }

    /// <summary>"findings: 4 stored (shared-password 1, ...)" after the per-file report.</summary>
    public static void Report(TextWriter w, IReadOnlyList<NetEvent> findings, long stored)
    {
        var kinds = findings.GroupBy(f => f.Action).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        w.WriteLine($"findings: {findings.Count} found, {stored} stored ({string.Join(", ", kinds)})");
    }
}
