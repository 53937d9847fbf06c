using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>Builds the event for an e2guardian line from its <see cref="E2GuardianRecord"/>.</summary>
internal static class E2GuardianEventFactory
{
    public const string Dataset = "e2guardian.access";
    public const string Product = "e2guardian";

    public static ParseResult Create(string format, ReadOnlySpan<char> line, in EventOrigin origin, in E2GuardianRecord r)
    {
        if (r.Method is "-" || r.Method.IsEmpty) return ParseResult.Fail(ParseReasons.NoRequest, "no request method");
        if (!SpanNumbers.TryParseStatus(r.Code, out var status) || !TryOptionalInt64(r.Size, out var size)
            || !TryOptionalInt32(r.Weight, out var weight) || !TryOptionalInt32(r.Group, out var group))
            return ParseResult.Fail(ParseReasons.BadNumber, "code, size, weight and group must be numbers");
        if (!IpText.LooksLikeIp(r.Ip)) return ParseResult.Fail(ParseReasons.BadAddress, "client address is not an IP");

        E2GuardianWhat.Split(r.What, out var flag, out var reason);
        var method = KnownStrings.Get(r.Method);
        var user = RepeatedStrings.UserNames.OrNull(r.User);
        Duration? duration = r.DurationMs is { } ms ? Duration.FromMilliseconds(ms) : null;
        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(format, origin.LineNumber, line),
            Origin = origin,
            Timestamp = r.Timestamp,
            End = duration is null ? null : r.Timestamp,
            Duration = duration,
            Start = duration is { } d ? r.Timestamp - d : null,
            Action = EventActionRules.Decide(flag, default, status, r.Method, r.Url),
            Dataset = Dataset,
            ObserverProduct = Product,
            SourceIp = RepeatedStrings.ClientAddresses.Get(r.Ip),
            SourceUserName = user,
            UserName = r.User.SequenceEqual(r.Ip) ? null : user,
            Url = SafeUrl.Parse(r.Url.ToString(), method),
            Method = method,
            StatusCode = status,
            ResponseBytes = size,
            MimeType = KnownStrings.OrNull(r.Mime),
            UserAgent = r.UserAgent.IsEmpty || r.UserAgent is "-" ? null : r.UserAgent.ToString(),
            E2Guardian = new E2GuardianFields
            {
                Flag = flag.IsEmpty ? null : KnownStrings.Get(flag),
                Reason = reason.IsEmpty ? null : reason.ToString(),
                Category = KnownStrings.OrNull(r.Category),
                FilterGroup = group,
                FilterGroupName = KnownStrings.OrNull(r.GroupName),
                Weight = weight,
                ClientHost = KnownStrings.OrNull(r.ClientHost),
                MessageNumber = KnownStrings.OrNull(r.MessageNumber),
            },
        });
    }

    private static bool TryOptionalInt64(ReadOnlySpan<char> s, out long? value)
    {
        value = null;
        if (s is "-" || s.IsEmpty) return true;
        if (!SpanNumbers.TryParseInt64(s, out var v)) return false;
        value = v;
        return true;
    }

    /// <summary>e2guardian's weight (naughtiness) can be negative, so a leading '-' is allowed here.</summary>
    private static bool TryOptionalInt32(ReadOnlySpan<char> s, out int? value)
    {
        value = null;
        if (s is "-" || s.IsEmpty) return true;
        var negative = s[0] == '-';
        if (!SpanNumbers.TryParseInt32(negative ? s[1..] : s, out var v)) return false;
        value = negative ? -v : v;
        return true;
    }
}
