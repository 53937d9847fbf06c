using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>Native fields then <c>"%"{User-Agent}>h" "%"{Referer}>h"</c> with <c>\"</c> and <c>\\</c> escapes.</summary>
public sealed class SquidCustomFormatter : ILogLineFormatter
{
    public string Format => SquidCustomParser.FormatName;

    public string FormatLine(NetEvent e) =>
        $"{FormatText.SquidNative(e, "NONE", "HIER_NONE", "-")} \"{Quoted(e.UserAgent)}\" \"{Quoted(e.Referrer)}\"";

    private static string Quoted(string? value) => value is null or "" ? "-" : QuotedField.Escape(value);
}
