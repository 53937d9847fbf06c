using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Web.Pages;

/// <summary>
/// Events as a table (time, person, device, site and URL, categories, search terms, verdict, action), the same on
/// every page that lists them; links to a person's or a site's page are the caller's (they carry its purpose).
/// </summary>
public sealed record EventTable(string Id, string Caption, IReadOnlyList<NetEvent> Events, DateTimeZone Zone)
{
    public Func<NetEvent, string?> PersonLink { get; init; } = _ => null;
    public Func<NetEvent, string?> SiteLink { get; init; } = _ => null;
    public NetEvent? Focus { get; init; }
}
