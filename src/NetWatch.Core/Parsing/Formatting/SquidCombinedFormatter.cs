using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// <c>%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %&lt;st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh</c>, time in UTC,
/// header values unescaped (as Squid writes them).
/// </summary>
public sealed class SquidCombinedFormatter : ILogLineFormatter
{
    public string Format => SquidCombinedParser.FormatName;

    public string FormatLine(NetEvent e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.SourceIp} - {FormatText.OrDash(e.SourceUserName)} [{LogTimestamps.FormatClf(e.Timestamp)}] " +
        $"\"{FormatText.OrDash(e.Method)} {e.Url.Original} HTTP/{e.HttpVersion ?? "1.1"}\" {e.StatusCode ?? 0} {e.ResponseBytes ?? 0} " +
        $"\"{FormatText.OrDash(e.Referrer)}\" \"{FormatText.OrDash(e.UserAgent)}\" " +
        $"{e.Squid?.ResultCode ?? "NONE"}:{e.Squid?.HierarchyCode ?? "HIER_NONE"}");
}
