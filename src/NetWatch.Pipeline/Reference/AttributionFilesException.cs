using NetWatch.Core.Identity;

namespace NetWatch.Pipeline.Reference;

/// <summary>A reference file (directory, devices, leases) cannot be used: the message lists file:line: problem for each fault.</summary>
public sealed class AttributionFilesException(IReadOnlyList<ReferenceError> errors)
    : Exception(Describe(errors))
{
    public IReadOnlyList<ReferenceError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<ReferenceError> errors)
    {
        const int shown = 20;
        var lines = errors.Take(shown).Select(e => e.ToString());
        var more = errors.Count > shown ? $"{Environment.NewLine}... and {errors.Count - shown} more" : "";
        return string.Join(Environment.NewLine, lines) + more;
    }
}
