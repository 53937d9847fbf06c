using System.Text.RegularExpressions;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The regular expressions of one category (squidGuard <c>expressionlist</c>, POSIX extended syntax), compiled once
/// into one case-insensitive alternation with a match timeout, matched against the URL as logged.
/// </summary>
internal sealed class CategoryExpression(int categoryId, Regex regex)
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static long _timeouts;

    /// <summary>How many matches were abandoned at the timeout (counted as no match) since the process started.</summary>
    public static long Timeouts => Interlocked.Read(ref _timeouts);

    public int CategoryId { get; } = categoryId;

    public bool IsMatch(string url)
    {
        try { return regex.IsMatch(url); }
        catch (RegexMatchTimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            return false;
        }
    }

    /// <summary>Checks one pattern; the message says what is wrong, or null when it compiles.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            _ = new Regex(TranslatePosix(pattern), Options, MatchTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"invalid regular expression '{pattern}': {e.Message}";
        }
    }

    public static CategoryExpression Compile(int categoryId, IReadOnlyList<string> patterns) =>
        new(categoryId, new Regex(
            string.Join('|', patterns.Select(p => "(?:" + TranslatePosix(p) + ")")),
            Options | RegexOptions.Compiled, MatchTimeout));

    /// <summary>POSIX bracket classes that .NET lacks ([:alpha:] ...) rewritten as ranges.</summary>
    internal static string TranslatePosix(string pattern) => pattern
        .Replace("[:alpha:]", "a-zA-Z").Replace("[:digit:]", "0-9").Replace("[:alnum:]", "a-zA-Z0-9")
        .Replace("[:upper:]", "A-Z").Replace("[:lower:]", "a-z").Replace("[:space:]", "\\s")
        .Replace("[:punct:]", "!-/:-@\\[-`{-~").Replace("[:xdigit:]", "0-9A-Fa-f");
}
