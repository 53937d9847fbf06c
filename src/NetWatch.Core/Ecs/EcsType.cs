namespace NetWatch.Core.Ecs;

/// <summary>
/// The kind of value an <see cref="EcsField"/> holds. It fixes the field's store column type, its JSON and CSV form,
/// and its default Elasticsearch type.
/// </summary>
public enum EcsType
{
    /// <summary>event.id: 128 bits; a UUID column, 32 hex digits in documents.</summary>
    Id,
    /// <summary>Text matched exactly (ECS keyword).</summary>
    Keyword,
    /// <summary>A 64-bit integer.</summary>
    Long,
    /// <summary>A 32-bit integer (ECS maps most of these as long).</summary>
    Integer,
    Double,
    Boolean,
    /// <summary>An instant (NodaTime); a TIMESTAMP column (microseconds), ISO 8601 UTC with milliseconds in documents.</summary>
    Date,
    /// <summary>A list of keywords (ECS: a keyword field holding an array); an empty list is left out of documents.</summary>
    KeywordList,
    /// <summary>A group of rarely queried fields kept as one JSON object (one JSON column in the store).</summary>
    Object,
}
