using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing;

/// <summary>url.* of a logged method and URL, as the Squid layouts' events hold it (and <see cref="ILogLineUrlReader"/> promises).</summary>
public static class LineUrl
{
    public static UrlParts Parts(ReadOnlySpan<char> method, ReadOnlySpan<char> url) => Parts(KnownStrings.Get(method), url);

    /// <summary>With the method already made a string (the event keeps it). A repeated URL's parts are shared (<see cref="RepeatedUrls"/>).</summary>
    public static UrlParts Parts(string? method, ReadOnlySpan<char> url) => RepeatedUrls.Default.Parts(method, url);
}
