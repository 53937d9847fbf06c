namespace NetWatch.Core.Events;

/// <summary>
/// dns.*: the question of a DNS look-up (ECS names). A look-up is not a page view: such events carry
/// event.action <see cref="EventActions.DnsQuery"/>, and url.domain is the name asked for.
/// </summary>
public sealed record DnsFields
{
    /// <summary>dns.question.name, as logged (no trailing dot)</summary>
    public required string QuestionName { get; init; }
    /// <summary>dns.question.type, e.g. A, AAAA, HTTPS, PTR; "type=65" when the server printed a number</summary>
    public string? QuestionType { get; init; }
    /// <summary>dns.question.class, e.g. IN (BIND logs it; dnsmasq does not)</summary>
    public string? QuestionClass { get; init; }
    /// <summary>dns.header_flags: RD (recursion desired), DO (DNSSEC OK), CD (checking disabled), as logged by BIND</summary>
    public IReadOnlyList<string> HeaderFlags { get; init; } = [];
}
