using NodaTime;

namespace NetWatch.Core.Identity;

/// <summary>
/// One input of an <see cref="IpIntervalMap"/>: <see cref="Holder"/> takes (or, when not
/// <see cref="IsStart"/>, lets go of) <see cref="Ip"/> at <see cref="At"/>. Holders compare case-insensitively.
/// <see cref="Payload"/> is what the holder resolves to (a Person, a Device), worked out once when the map is built.
/// </summary>
public readonly record struct IpClaim(UInt128 Ip, Instant At, bool IsStart, Instant? Expires, string Holder, IpEvidence Evidence, object? Payload = null);

/// <summary>An interval during which one holder held one IP: [Start, End), End null = still held.</summary>
public sealed record Holding(UInt128 Ip, Instant Start, Instant? End, string Holder, IpEvidence Evidence, object? Payload = null);
