using NodaTime;

namespace NetWatch.Storage.Contracts.Aggregates;

/// <summary>
/// One group of an aggregate: its time bucket (start instant and label: "2026-11-23", "2026-W48", "autumn-2026";
/// null without a bucket), its key (null without a dimension, "(none)" for events without a value),
/// requests, response bytes and visit minutes (of the stored visits starting in the bucket, matched on person,
/// verdict, role and domain where the dimension is one of those; 0 for dimensions visits do not carry), and the
/// first and last @timestamp of its events (null when it has none).
/// </summary>
public sealed record AggregateRow(Instant? BucketStart, string? BucketLabel, string? Key, long Requests, long Bytes, double VisitMinutes)
{
    /// <summary>The key of the group of events without a value for the dimension.</summary>
    public const string NoValue = "(none)";

    public Instant? First { get; init; }
    public Instant? Last { get; init; }
}

/// <summary>The rows of one <see cref="AggregateQuery"/>, by bucket then requests descending.</summary>
public sealed record AggregateResult(string Name, IReadOnlyList<AggregateRow> Rows);
