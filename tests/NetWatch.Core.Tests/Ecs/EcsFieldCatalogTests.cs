using System.Reflection;
using System.Text.RegularExpressions;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Core.Tests.Ecs;

public class EcsFieldCatalogTests
{
    [Fact]
    public void Names_and_columns_are_unique_and_well_formed()
    {
        var fields = EcsFieldCatalog.Fields;
        Assert.Equal(fields.Count, fields.Select(f => f.Name).Distinct().Count());
        Assert.Equal(EcsFieldCatalog.Stored.Count, EcsFieldCatalog.Stored.Select(f => f.Column).Distinct().Count());
        Assert.All(fields, f => Assert.Matches(@"^(@timestamp|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*)$", f.Name));
        Assert.All(EcsFieldCatalog.Stored, f => Assert.Matches("^@?[a-z][a-z0-9_]*$", f.Column!));
        Assert.All(fields.Where(f => f.Required), f => Assert.True(f.IsStored, f.Name));
        Assert.Equal(EcsFieldCatalog.Fields.Where(f => f.IsStored), EcsFieldCatalog.Stored);
        Assert.Equal("@timestamp", EcsFieldCatalog.Exported[0].Name);
        Assert.Equal(EcsFieldCatalog.Fields.OrderBy(f => f.Name), EcsFieldCatalog.Exported.OrderBy(f => f.Name));
    }

    [Fact]
    public void Each_field_has_an_elasticsearch_type_that_fits_its_values()
    {
        var fits = new Dictionary<EcsType, string[]>
        {
            [EcsType.Id] = ["keyword"],
            [EcsType.Keyword] = ["keyword", "ip", "wildcard", "match_only_text", "text"],
            [EcsType.Long] = ["long"],
            [EcsType.Integer] = ["long", "integer", "short", "byte"],
            [EcsType.Double] = ["double", "float"],
            [EcsType.Boolean] = ["boolean"],
            [EcsType.Date] = ["date"],
            [EcsType.KeywordList] = ["keyword"],
            [EcsType.Object] = ["object", "flattened"],
        };
        Assert.All(EcsFieldCatalog.Fields, f => Assert.Contains(f.ElasticsearchType, fits[f.Type]));
        Assert.Equal("date", EcsFieldCatalog.Get("@timestamp").ElasticsearchType);
        Assert.Equal("date", EcsFieldCatalog.Get("event.ingested").ElasticsearchType);
        Assert.Equal("ip", EcsFieldCatalog.Get("source.ip").ElasticsearchType);
        Assert.Equal("keyword", EcsFieldCatalog.Get("organization.id").ElasticsearchType);
        Assert.Equal("keyword", EcsFieldCatalog.Get("organization.name").ElasticsearchType);
    }

    [Fact]
    public void A_school_and_the_time_of_ingestion_are_fields_of_every_event()
    {
        var e = EcsTestEvents.Everything();

        Assert.Equal("urn-100001", EcsFieldCatalog.Get("organization.id").Text(e));
        Assert.Equal("Example Academy", EcsFieldCatalog.Get("organization.name").Text(e));
        Assert.Equal("2026-11-22T22:25:47.000Z", EcsFieldCatalog.Get("event.ingested").Text(e));
        Assert.Equal(("organization_id", "organization_name", "event_ingested"),
            (EcsFieldCatalog.Get("organization.id").Column, EcsFieldCatalog.Get("organization.name").Column,
             EcsFieldCatalog.Get("event.ingested").Column));
    }

    /// <summary>
    /// A property added to NetEvent (or to one of its groups) without a catalogue entry would be neither stored nor
    /// exported: change each in turn and some field's value must change with it.
    /// </summary>
    [Fact]
    public void Every_property_of_an_event_is_read_by_some_field()
    {
        var e = EcsTestEvents.Everything();
        var unread = Changes(e)
            .Where(c => EcsFieldCatalog.Fields.All(f => f.Text(e) == f.Text(c.Changed)))
            .Select(c => c.Property).ToList();

        Assert.True(unread.Count == 0,
            $"no field of EcsFieldCatalog reads {string.Join(", ", unread)}: add an entry for each to EcsFieldCatalog "
            + "(for a member of a group kept as one JSON object, write it in that group's members writer)");
    }

    private static readonly string[] NotStored = ["Origin.ByteOffset"]; // where in the file: not part of the event

    private static IEnumerable<(string Property, NetEvent Changed)> Changes(NetEvent e)
    {
        foreach (var p in Settable(typeof(NetEvent)))
        {
            var value = p.GetValue(e);
            if (IsGroup(p.PropertyType))
            {
                Assert.NotNull(value); // EcsTestEvents.Everything sets every group
                foreach (var member in Settable(value.GetType()))
                {
                    if (NotStored.Contains($"{p.Name}.{member.Name}")) continue;
                    var group = Clone(value);
                    member.SetValue(group, Changed(member.GetValue(value), member.PropertyType));
                    yield return ($"{p.Name}.{member.Name}", With(e, p, group));
                }
            }
            else yield return (p.Name, With(e, p, Changed(value, p.PropertyType)));
        }
    }

    private static bool IsGroup(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && t.Namespace == typeof(NetEvent).Namespace && t != typeof(EventId);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);

    private static NetEvent With(NetEvent e, PropertyInfo property, object? value)
    {
        var copy = (NetEvent)Clone(e);
        property.SetValue(copy, value);
        return copy;
    }

    private static object Clone(object value) =>
        value.GetType().IsValueType ? value : value.GetType().GetMethod("<Clone>$")!.Invoke(value, null)!;

    private static object? Changed(object? value, Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => value + "~",
        var t when t == typeof(int) => (int?)value + 1 ?? 1,
        var t when t == typeof(long) => (long?)value + 1 ?? 1,
        var t when t == typeof(double) => (double?)value + 0.125 ?? 0.125,
        var t when t == typeof(bool) => !((bool?)value ?? false),
        var t when t == typeof(Instant) => ((Instant?)value ?? TestEvents.Base) + Duration.FromSeconds(1),
        var t when t == typeof(Duration) => ((Duration?)value ?? Duration.Zero) + Duration.FromSeconds(1),
        var t when t == typeof(EventId) => new EventId(((EventId)value!).Value + 1),
        var t when t == typeof(IReadOnlyList<string>) => ((IReadOnlyList<string>?)value ?? []).Append("~").ToArray(),
        var t => throw new NotSupportedException($"a property of type {t}: teach this test how to change one"),
    };
}
