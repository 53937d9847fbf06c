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

    public Option<string[]> WiredNetworks { get; } = new("--wired-network")
    {
        Description = "A wired subnet (CIDR, e.g. 10.20.0.0/16): DHCP leases there to hardware not in the registry are findings. Default: every lease without a Wi-Fi/wired mark",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Directory, Devices, Leases, WiredNetworks];

    /// <summary>The settings given, or null when no reference file was given. Bad subnets and missing files are usage errors.</summary>
    public AttributionSettings? Settings(ParseResult parse)
    {
        var networks = new List<IpNetwork>();
        foreach (var text in parse.GetValue(WiredNetworks) ?? [])
            networks.Add(IpNetwork.TryParse(text, out var network) ? network : throw new UsageException($"--wired-network '{text}' is not a subnet such as 10.20.0.0/16"));
        var settings = new AttributionSettings
        {
            Directory = parse.GetValue(Directory),
            Devices = parse.GetValue(Devices),
            Leases = parse.GetValue(Leases) ?? [],
            WiredNetworks = networks,
        };
        if (settings.IsEmpty)
            return networks.Count > 0 ? throw new UsageException("--wired-network needs --leases (the DHCP feeds it applies to)") : null;
        foreach (var path in settings.Files)
            if (!File.Exists(path)) throw new UsageException($"attribution file '{path}' does not exist");
        return settings;
    }

    /// <summary>"findings: 4 stored (shared-password 1, ...)" after the per-file report.</summary>
    public static void Report(TextWriter w, IReadOnlyList<NetEvent> findings, long stored)
    {
        var kinds = findings.GroupBy(f => f.Action).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        w.WriteLine($"findings: {findings.Count} found, {stored} stored ({string.Join(", ", kinds)})");
    }
}
