namespace NetWatch.Storage;

/// <summary>
/// Findings (event.kind alert, event.dataset netwatch.finding) are stored as events; their
/// netwatch.finding.* fields live in one extra column of the events table, as the JSON object of
/// Core.Ecs.FindingJson. Added with ALTER so stores created before it gain the column; being added last,
/// it is the last value EventRowWriter appends and EventRowReader reads.
/// </summary>
public static class FindingSchema
{
    public const string Column = "netwatch_finding";

    public static readonly string[] Statements =
    [
        $"ALTER TABLE events ADD COLUMN IF NOT EXISTS {Column} VARCHAR",
    ];
}
