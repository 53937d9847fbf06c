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
            var parts = UrlNormalizer.Parse(original, method);
            // url.original is what was logged, whatever the normalizer did to it.
            return ReferenceEquals(parts.Original, original) || parts.Original == original ? parts : parts with { Original = original };
        }
        catch (Exception)
        {
            // The parts stay empty; url.original still carries what was logged.
            return new UrlParts { Original = original };
        }
    }
}
