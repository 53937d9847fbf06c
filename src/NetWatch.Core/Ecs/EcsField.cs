using System.Text.Json;
using NetWatch.Core.Events;

namespace NetWatch.Core.Ecs;

/// <summary>
/// One field of <see cref="EcsFieldCatalog"/>: its ECS name, where the store keeps it, its type, and how to read it
/// from a <see cref="NetEvent"/>. The typed subclasses (<see cref="EcsFieldKinds"/>) read and write values without
/// boxing, so the documents and CSV derived from the catalogue cost no more than hand-written writers.
/// </summary>
public abstract class EcsField
{
    private protected EcsField(string name, EcsType type, string? column, string elasticsearchType, bool required)
    {
        Name = name;
        Type = type;
        Column = column;
        ElasticsearchType = elasticsearchType;
        Required = required;
    }

    /// <summary>The ECS (or netwatch.*) dotted name, e.g. <c>url.registered_domain</c>.</summary>
    public string Name { get; }

    public EcsType Type { get; }

    /// <summary>The store's column, e.g. <c>url_registered_domain</c>; null for a field computed from others (not stored).</summary>
    public string? Column { get; }

    public bool IsStored => Column is not null;

    /// <summary>The Elasticsearch mapping type: keyword, long, date, ip, wildcard, match_only_text, object, ...</summary>
    public string ElasticsearchType { get; }

    /// <summary>Every event has it (the store column is NOT NULL).</summary>
    public bool Required { get; }

    /// <summary>
    /// Documents and CSV leave the field out where this is false (e.g. netwatch.url.domain_unicode when it equals
    /// url.domain); the store keeps it regardless.
    /// </summary>
    public Func<NetEvent, bool>? ExportedWhen { get; init; }

    /// <summary>The event has a value here (not null; a list not empty).</summary>
    public abstract bool HasValue(NetEvent e);

    /// <summary>The value, boxed (for tests and tools; the writers use the typed paths): string, long, int, double,
    /// bool, Instant, EventId, IReadOnlyList&lt;string&gt; or the group's record. Null when absent.</summary>
    public abstract object? Value(NetEvent e);

    /// <summary>Documents and CSV carry the field for this event.</summary>
    public bool IsExported(NetEvent e) => HasValue(e) && (ExportedWhen is null || ExportedWhen(e));

    /// <summary>Writes the value as a JSON value (after its property name); only called when <see cref="HasValue"/>.</summary>
    public abstract void WriteJsonValue(Utf8JsonWriter w, NetEvent e);

    /// <summary>The value as text (a CSV cell): lists joined with '|', instants as in documents, objects as their JSON.
    /// Null when absent.</summary>
    public abstract string? Text(NetEvent e);

    public override string ToString() => Name;
}
