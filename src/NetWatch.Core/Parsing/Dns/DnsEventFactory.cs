using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Dns;

/// <summary>Builds the dns-query event shared by the DNS server logs.</summary>
internal static class DnsEventFactory
{
    public ref struct Query
    {
        public Instant Timestamp;
        public ReadOnlySpan<char> ClientIp;
        public int? ClientPort;
        public ReadOnlySpan<char> Name;
        public ReadOnlySpan<char> Type;
        public ReadOnlySpan<char> Class;
        public ReadOnlySpan<char> ServerIp;
        public string? Transport;
        public IReadOnlyList<string> Flags;
    }

    public static ParseResult Create(string format, string dataset, string product, ReadOnlySpan<char> line, in EventOrigin origin, in Query q)
    {
        if (!IpText.LooksLikeIp(q.ClientIp)) return ParseResult.Fail(ParseReasons.BadAddress, "the client is not an IP address");
        if (q.Name.IsEmpty) return ParseResult.Fail(ParseReasons.FieldCount, "no query name");
        var name = q.Name.Length > 1 ? q.Name.TrimEnd('.') : q.Name;
        var nameText = name.ToString();
        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(format, origin.LineNumber, line),
            Origin = origin,
            Timestamp = q.Timestamp,
            Action = EventActions.DnsQuery,
            Dataset = dataset,
            ObserverProduct = product,
            SourceIp = KnownStrings.Get(q.ClientIp),
            SourcePort = q.ClientPort,
            DestinationIp = q.ServerIp.IsEmpty ? null : KnownStrings.Get(q.ServerIp),
            NetworkTransport = q.Transport,
            Url = DnsName.ToUrl(nameText),
            Dns = new DnsFields
            {
                QuestionName = nameText,
                QuestionType = q.Type.IsEmpty ? null : Types.Get(q.Type),
                QuestionClass = q.Class.IsEmpty ? null : Types.Get(q.Class),
                HeaderFlags = q.Flags ?? [],
            },
        });
    }

    /// <summary>Shared instances of the common question types and classes.</summary>
    private static class Types
    {
        private static readonly string[] Known = ["A", "AAAA", "HTTPS", "SVCB", "PTR", "CNAME", "MX", "TXT", "SRV", "NS", "SOA", "ANY", "DS", "DNSKEY", "IN", "CH"];

        public static string Get(ReadOnlySpan<char> s)
        {
            foreach (var k in Known)
                if (s.SequenceEqual(k)) return k;
            return s.ToString();
        }
    }
}
