using System.Text;
using NetWatch.Core.Events;

namespace NetWatch.Core.Identity.Findings;

/// <summary>Turns a <see cref="Finding"/> into the event that carries it (event.kind alert, dataset netwatch.finding).</summary>
public static class FindingEvents
{
    public const string Dataset = "netwatch.finding";
    public const string Product = "netwatch";
    public const string OriginSource = "netwatch.attribution";

    public static NetEvent ToEvent(Finding f)
    {
        // Deterministic id: the same finding found again on a re-import is stored once.
        var key = $"{f.Kind}|{f.RelatedUser}|{f.CredentialUser}|{f.RelatedDevice}|{f.RelatedIp}|{f.RelatedMac}|{f.Start.ToUnixTimeTicks()}";
        return new NetEvent
        {
            Id = EventIdentity.Compute(Dataset, 0, key),
            Origin = new EventOrigin(OriginSource, 0),
            Timestamp = f.Start,
            Start = f.Start,
            End = f.End,
            Duration = f.End is { } end ? end - f.Start : null,
            Action = f.Kind,
            Dataset = Dataset,
            ObserverProduct = Product,
            SourceIp = f.RelatedIp?.Split(", ")[0],
            SourceUserName = f.CredentialUser,
            UserName = f.RelatedUser,
            Url = UrlParts.Empty,
            ResponseBytes = f.Bytes == 0 ? null : f.Bytes,
            Finding = f,
        };
    }
}
