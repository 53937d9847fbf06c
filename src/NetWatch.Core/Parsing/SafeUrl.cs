using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Parsing;

/// <summary>Calls <see cref="UrlNormalizer"/> so that a parser can keep its never-throw promise whatever the URL.</summary>
internal static class SafeUrl
{
    public static UrlParts Parse(string original, string? method)
    {
        try
        {
            return UrlNormalizer.Parse(original, method);
        }
        catch (Exception)
        {
            // The parts stay empty; url.original still carries what was logged.
            return new UrlParts { Original = original };
        }
    }
}
