namespace NetWatch.Core.Parsing;

/// <summary>
/// The outcome of <see cref="FormatDetector.Detect"/>: a format name, or null and the reason none was chosen.
/// <see cref="LinesExamined"/> non-blank lines were looked at and <see cref="LinesAccepted"/> of them parsed with
/// the chosen format (or were no-request lines).
/// </summary>
public sealed record FormatDetection(string? Format, string? Reason, int LinesExamined, int LinesAccepted)
{
    public bool IsDetected => Format is not null;
}
