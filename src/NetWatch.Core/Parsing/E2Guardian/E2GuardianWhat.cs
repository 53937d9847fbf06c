namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// Splits e2guardian's "what" field: <c>-</c> (nothing to say), or a flag in stars followed by the reason,
/// e.g. <c>*DENIED* Blocked site: tiktok.com</c>, <c>*TRUSTED* -</c>. Only the first flag is the flag; anything
/// after it (further flags included) is the reason. A reason of <c>-</c> is no reason.
/// </summary>
internal static class E2GuardianWhat
{
    public static void Split(ReadOnlySpan<char> what, out ReadOnlySpan<char> flag, out ReadOnlySpan<char> reason)
    {
        flag = default;
        reason = what.Trim(' ');
        if (reason.Length > 2 && reason[0] == '*')
        {
            var end = reason[1..].IndexOf('*') + 1;
            if (end > 1 && (end + 1 == reason.Length || reason[end + 1] == ' '))
            {
                flag = reason[1..end];
                reason = reason[(end + 1)..].Trim(' ');
            }
        }
        if (reason is "-") reason = default;
    }

    /// <summary>The "what" text for a flag and reason (the inverse of <see cref="Split"/>).</summary>
    public static string Join(string? flag, string? reason) =>
        flag is null ? reason ?? "-" : $"*{flag}* {reason ?? "-"}";
}
