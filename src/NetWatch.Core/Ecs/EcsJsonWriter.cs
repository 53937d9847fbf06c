using System.Text.Json;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Ecs;

/// <summary>
/// Writes an event as one ECS document, nested exactly as Elasticsearch would index it
/// (<c>{"@timestamp":…,"event":{"id":…},"source":{"ip":…},"url":{…}}</c>), derived from <see cref="EcsFieldCatalog"/>:
/// each dot of a field's name opens an object; objects appear in the order their first field has in
/// <see cref="EcsFieldCatalog.Exported"/>.
/// Absent fields, empty lists and empty objects are left out.
/// </summary>
public static class EcsJsonWriter
{
    private static readonly DocumentNode Root = DocumentNode.Build(EcsFieldCatalog.Exported);

    public static void Write(Utf8JsonWriter w, NetEvent e)
    {
        w.WriteStartObject();
        Root.WriteMembers(w, e);
        w.WriteEndObject();
    }

    public static string FormatInstant(Instant instant) => EcsInstant.Format(instant);

    /// <summary>An object of the document (or, with <see cref="Field"/> set, one field's value), built once.</summary>
    private sealed class DocumentNode(string name)
    {
        private readonly List<DocumentNode> _children = [];
        private EcsField[] _leaves = [];

        public JsonEncodedText Name { get; } = JsonEncodedText.Encode(name);
        public EcsField? Field { get; private init; }

        public static DocumentNode Build(IEnumerable<EcsField> fields)
        {
            var root = new DocumentNode("");
            foreach (var field in fields)
            {
                var parts = field.Name.Split('.');
                var node = root;
                foreach (var part in parts[..^1])
                {
                    var next = node._children.Find(c => c.Field is null && c.Name.Value == part);
                    if (next is null) node._children.Add(next = new DocumentNode(part));
                    node = next;
                }
                if (node._children.Exists(c => c.Name.Value == parts[^1]))
                    throw new InvalidOperationException($"ECS field '{field.Name}' is named twice, or names an object");
                node._children.Add(new DocumentNode(parts[^1]) { Field = field });
            }
            root.CollectLeaves();
            return root;
        }

        private IEnumerable<EcsField> CollectLeaves()
        {
            _leaves = Field is { } f ? [f] : _children.SelectMany(c => c.CollectLeaves()).ToArray();
            return _leaves;
        }

        private bool AnyExported(NetEvent e)
        {
            foreach (var leaf in _leaves)
                if (leaf.IsExported(e)) return true;
            return false;
        }

        public void WriteMembers(Utf8JsonWriter w, NetEvent e)
        {
            foreach (var child in _children)
            {
                if (child.Field is { } field)
                {
                    if (!field.IsExported(e)) continue;
                    w.WritePropertyName(child.Name);
                    field.WriteJsonValue(w, e);
                }
                else if (child.AnyExported(e))
                {
                    w.WriteStartObject(child.Name);
                    child.WriteMembers(w, e);
                    w.WriteEndObject();
                }
            }
        }
    }
}
