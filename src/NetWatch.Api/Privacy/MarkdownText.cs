using System.Text;

namespace NetWatch.Api.Privacy;

/// <summary>
/// Text from the store (names, sites, purposes) made safe inside Markdown: characters Markdown gives a meaning to are
/// escaped with a backslash, line breaks become spaces, so a value can neither break a table nor become a link or markup.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]<>|~&";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') sb.Append(' ');
            else if (char.IsControl(c)) continue;
            else
            {
                if (Special.Contains(c)) sb.Append('\\');
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
