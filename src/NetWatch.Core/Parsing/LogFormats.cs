using NetWatch.Core.Parsing.Dns;
using NetWatch.Core.Parsing.E2Guardian;
using NetWatch.Core.Parsing.Filterlog;
using NetWatch.Core.Parsing.Fortigate;
using NetWatch.Core.Parsing.Formatting;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Parsing.W3c;

namespace NetWatch.Core.Parsing;

/// <summary>The log formats NetWatch reads, by the name <c>--format</c> takes, with their parser and formatter.</summary>
public static class LogFormats
{
    public const string SquidNative = SquidNativeParser.FormatName;
    public const string SquidCombined = SquidCombinedParser.FormatName;
    public const string SquidCustom = SquidCustomParser.FormatName;
    public const string E2Guardian1 = E2GuardianFmt1Parser.FormatName;
    public const string E2Guardian2 = E2GuardianFmt2Parser.FormatName;
    public const string E2Guardian3 = E2GuardianFmt3Parser.FormatName;
    public const string E2Guardian4 = E2GuardianFmt4Parser.FormatName;
    public const string E2Guardian6 = E2GuardianFmt6Parser.FormatName;
    public const string Fortigate = FortigateParser.FormatName;
    public const string PfSenseFilterlog = FilterlogParser.FormatName;
    public const string Dnsmasq = DnsmasqParser.FormatName;
    public const string BindQuery = BindQueryParser.FormatName;
    public const string W3c = W3cParser.FormatName;

    public static IReadOnlyList<string> Names { get; } =
        [
            SquidNative, SquidCombined, SquidCustom, E2Guardian1, E2Guardian2, E2Guardian3, E2Guardian4, E2Guardian6,
            Fortigate, PfSenseFilterlog, Dnsmasq, BindQuery, W3c,
        ];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name);

    /// <summary>
    /// The parser for a format name, or false for an unknown name. Each call makes a new parser: stateful ones
    /// (<see cref="IStatefulLogLineParser"/>, W3C) need one per source.
    /// </summary>
    public static bool TryCreateParser(string? name, ParserOptions options, out ILogLineParser parser)
    {
        parser = name switch
        {
            SquidNative => new SquidNativeParser(),
            SquidCombined => new SquidCombinedParser(),
            SquidCustom => new SquidCustomParser(),
            E2Guardian1 => new E2GuardianFmt1Parser(options),
            E2Guardian2 => new E2GuardianFmt2Parser(options),
            E2Guardian3 => new E2GuardianFmt3Parser(),
            E2Guardian4 => new E2GuardianFmt4Parser(options),
            E2Guardian6 => new E2GuardianFmt6Parser(),
            Fortigate => new FortigateParser(options),
            PfSenseFilterlog => new FilterlogParser(options),
            Dnsmasq => new DnsmasqParser(options),
            BindQuery => new BindQueryParser(options),
            W3c => new W3cParser(),
            _ => null!,
        };
        return parser is not null;
    }

    /// <summary>The parser for a known format name; an unknown name is a configuration error.</summary>
    public static ILogLineParser CreateParser(string name, ParserOptions? options = null) =>
        TryCreateParser(name, options ?? ParserOptions.Default, out var parser)
            ? parser
            : throw new ArgumentException($"unknown log format '{name}'; known formats: {string.Join(", ", Names)}", nameof(name));

    public static ILogLineFormatter CreateFormatter(string name, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        return name switch
        {
            SquidNative => new SquidNativeFormatter(),
            SquidCombined => new SquidCombinedFormatter(),
            SquidCustom => new SquidCustomFormatter(),
            E2Guardian1 => E2GuardianListFormatter.Fmt1(options),
            E2Guardian2 => E2GuardianListFormatter.Fmt2(options),
            E2Guardian3 => new E2GuardianFmt3Formatter(),
            E2Guardian4 => E2GuardianListFormatter.Fmt4(options),
            E2Guardian6 => new E2GuardianFmt6Formatter(),
            Fortigate => new FortigateFormatter(),
            PfSenseFilterlog => new FilterlogFormatter(options),
            Dnsmasq => new DnsmasqFormatter(options),
            BindQuery => new BindQueryFormatter(options),
            W3c => new W3cFormatter(),
            _ => throw new ArgumentException($"unknown log format '{name}'; known formats: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
