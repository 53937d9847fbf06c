using NodaTime;

namespace NetWatch.Core.Identity.Findings;

/// <summary>What one finding has gathered so far: when, how many requests and bytes, and what it is about.</summary>
internal sealed class FindingAggregate
{
    public required Instant First;
    public Instant Last;
    public long Count, Bytes;
    public string? Device, Ip, Evidence;
    public Holding? Logon;

    public void Add(Instant at, long? bytes)
    {
        if (at < First) First = at;
        if (at > Last) Last = at;
        Count++;
        Bytes += bytes ?? 0;
    }

    /// <summary>Requests counted elsewhere, from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Add(Instant first, Instant last, long count, long bytes)
    {
        if (first < First) First = first;
        if (last > Last) Last = last;
        Count += count;
        Bytes += bytes;
    }
}
