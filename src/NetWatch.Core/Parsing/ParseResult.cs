using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing;

/// <summary>Either an event, or the reason the line is not one (a stable code plus detail for people).</summary>
public readonly record struct ParseResult(NetEvent? Event, string? Reason, string? Detail)
{
    public bool IsSuccess => Event is not null;

    public static ParseResult Ok(NetEvent e) => new(e, null, null);

    public static ParseResult Fail(string reason, string? detail = null) => new(null, reason, detail);
}
