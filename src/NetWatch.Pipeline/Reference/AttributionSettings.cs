using NetWatch.Core.Identity;

namespace NetWatch.Pipeline.Reference;

/// <summary>Where attribution's reference data lives (import's --directory / --devices / --leases / --wired-network,
/// or the service's enrich.attribution section).</summary>
public sealed record AttributionSettings
{
    public string? Directory { get; init; }
    public string? Devices { get; init; }
    public IReadOnlyList<string> Leases { get; init; } = [];
    public IReadOnlyList<IpNetwork> WiredNetworks { get; init; } = [];

    public bool IsEmpty => Directory is null && Devices is null && Leases.Count == 0;

    /// <summary>Every file named, directory and registry first.</summary>
    public IEnumerable<string> Files => Leases.Prepend(Devices).Prepend(Directory).OfType<string>();

    /// <summary>Loads and indexes everything; a bad file throws <see cref="AttributionFilesException"/> (file, line, problem).</summary>
    public AttributionIndex LoadIndex() =>
        AttributionFiles.LoadIndex(Directory, Devices, Leases, new AttributionOptions { WiredNetworks = WiredNetworks });
}
