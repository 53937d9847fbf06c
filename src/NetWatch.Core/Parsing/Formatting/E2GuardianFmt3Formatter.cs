using NetWatch.Core.Events;
using NetWatch.Core.Parsing.E2Guardian;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>e2guardian fmt 3: Squid's native layout with e2guardian's result and hierarchy codes.</summary>
public sealed class E2GuardianFmt3Formatter : ILogLineFormatter
{
    public string Format => E2GuardianFmt3Parser.FormatName;

    public string FormatLine(NetEvent e) => FormatText.SquidNative(e,
        e.Action == EventActions.Denied ? "TCP_DENIED" : "TCP_MISS", "DEFAULT_PARENT", "127.0.0.1");
}
