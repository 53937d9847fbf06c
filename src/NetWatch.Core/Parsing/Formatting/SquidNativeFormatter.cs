using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Squid;

namespace NetWatch.Core.Parsing.Formatting;

public sealed class SquidNativeFormatter : ILogLineFormatter
{
    public string Format => SquidNativeParser.FormatName;

    public string FormatLine(NetEvent e) => FormatText.SquidNative(e, "NONE", "HIER_NONE", "-");
}
