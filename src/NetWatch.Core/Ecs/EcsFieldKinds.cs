using System.Globalization;
using System.Text.Json;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Ecs;

/// <summary>
/// The typed fields <see cref="EcsFieldCatalog"/> is written with, one factory per <see cref="EcsType"/>. A field is
/// stored in the column named after it ('.' → '_') unless <c>column</c> says otherwise; <c>stored: false</c> marks
/// one computed from other fields. The Elasticsearch type defaults by kind; <c>es</c> overrides it (ip, wildcard...).
/// </summary>
public static class EcsFieldKinds
{
    public static EcsField Id(string name, Func<NetEvent, EventId> get, string? column = null) =>
        new ValueField<EventId>(name, EcsType.Id, Column(name, column, true), "keyword", true, e => get(e),
            (w, v) => w.WriteStringValue(v.ToString()), v => v.ToString());

    public static EcsField Keyword(string name, Func<NetEvent, string?> get, string? column = null, bool stored = true,
        bool required = false, string es = "keyword", Func<NetEvent, bool>? exportedWhen = null) =>
        new ReferenceField<string>(name, EcsType.Keyword, Column(name, column, stored), es, required, get,
            static _ => true, static (w, v) => w.WriteStringValue(v), static v => v) { ExportedWhen = exportedWhen };

    public static EcsField Long(string name, Func<NetEvent, long?> get, string? column = null, bool required = false,
        string es = "long") =>
        new ValueField<long>(name, EcsType.Long, Column(name, column, true), es, required, get,
            static (w, v) => w.WriteNumberValue(v), static v => v.ToString(CultureInfo.InvariantCulture));

    public static EcsField Integer(string name, Func<NetEvent, int?> get, string? column = null, string es = "long") =>
        new ValueField<int>(name, EcsType.Integer, Column(name, column, true), es, false, get,
            static (w, v) => w.WriteNumberValue(v), static v => v.ToString(CultureInfo.InvariantCulture));

    public static EcsField Double(string name, Func<NetEvent, double?> get, string? column = null, string es = "double") =>
        new ValueField<double>(name, EcsType.Double, Column(name, column, true), es, false, get,
            static (w, v) => w.WriteNumberValue(v), static v => v.ToString("R", CultureInfo.InvariantCulture));

    public static EcsField Boolean(string name, Func<NetEvent, bool?> get, string? column = null) =>
        new ValueField<bool>(name, EcsType.Boolean, Column(name, column, true), "boolean", false, get,
            static (w, v) => w.WriteBooleanValue(v), static v => v ? "true" : "false");

    public static EcsField Date(string name, Func<NetEvent, Instant?> get, string? column = null, bool required = false) =>
        new ValueField<Instant>(name, EcsType.Date, Column(name, column, true), "date", required, get,
            static (w, v) => w.WriteStringValue(EcsInstant.Format(v)), EcsInstant.Format);

    public static EcsField KeywordList(string name, Func<NetEvent, IReadOnlyList<string>?> get, string? column = null,
        bool stored = true) =>
        new ReferenceField<IReadOnlyList<string>>(name, EcsType.KeywordList, Column(name, column, stored), "keyword", false,
            get, static v => v.Count > 0, WriteList, static v => string.Join('|', v));

    /// <summary>A group kept as one JSON object: <paramref name="writeMembers"/> writes its members as the document
    /// nests them (the store's JSON of it is the writer's and reader's business).</summary>
    public static EcsField JsonObject<T>(string name, Func<NetEvent, T?> get, Action<Utf8JsonWriter, T> writeMembers,
        string? column = null, string es = "object") where T : class =>
        new ReferenceField<T>(name, EcsType.Object, Column(name, column, true), es, false, get, static _ => true,
            (w, v) =>
            {
                w.WriteStartObject();
                writeMembers(w, v);
                w.WriteEndObject();
            },
            v => JsonText(w =>
            {
                w.WriteStartObject();
                writeMembers(w, v);
                w.WriteEndObject();
            }));

    private static string? Column(string name, string? column, bool stored) =>
        !stored ? null : column ?? name.Replace('.', '_');

    private static void WriteList(Utf8JsonWriter w, IReadOnlyList<string> values)
    {
        w.WriteStartArray();
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string JsonText(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class ValueField<T>(string name, EcsType type, string? column, string es, bool required,
        Func<NetEvent, T?> get, Action<Utf8JsonWriter, T> writeJson, Func<T, string> text)
        : EcsField(name, type, column, es, required) where T : struct
    {
        public override bool HasValue(NetEvent e) => get(e).HasValue;
        public override object? Value(NetEvent e) => get(e);
        public override void WriteJsonValue(Utf8JsonWriter w, NetEvent e) => writeJson(w, get(e)!.Value);
        public override string? Text(NetEvent e) => get(e) is { } v ? text(v) : null;
    }

    private sealed class ReferenceField<T>(string name, EcsType type, string? column, string es, bool required,
        Func<NetEvent, T?> get, Func<T, bool> notEmpty, Action<Utf8JsonWriter, T> writeJson, Func<T, string> text)
        : EcsField(name, type, column, es, required) where T : class
    {
        public override bool HasValue(NetEvent e) => get(e) is { } v && notEmpty(v);
        public override object? Value(NetEvent e) => get(e);
        public override void WriteJsonValue(Utf8JsonWriter w, NetEvent e) => writeJson(w, get(e)!);
        public override string? Text(NetEvent e) => get(e) is { } v && notEmpty(v) ? text(v) : null;
    }
}
