namespace NetWatch.Storage;

/// <summary>
/// netwatch.safeguarding.layer, .score and .evidence (which detection layer decided, the semantic layer's
/// similarity, and why): three columns added with ALTER after FindingSchema's, so stores created before them still
/// open; being last, they are the last values EventRowWriter appends and EventRowReader reads.
/// </summary>
public static class SafeguardingEvidenceSchema
{
    public static readonly string[] Statements =
    [
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS netwatch_safeguarding_layer VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS netwatch_safeguarding_score DOUBLE",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS netwatch_safeguarding_evidence VARCHAR",
    ];
}
