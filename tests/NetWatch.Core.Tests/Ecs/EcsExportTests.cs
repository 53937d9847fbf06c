using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Core.Tests.Ecs;

/// <summary>The NDJSON document and the CSV row carry every field of the catalogue, and nothing else.</summary>
public class EcsExportTests
{
    [Fact]
    public void A_document_carries_every_field_at_its_name() => AssertDocument(EcsTestEvents.Everything());

    [Property(MaxTest = 200)]
    public Property Any_document_carries_exactly_the_fields_present() =>
        Prop.ForAll(EcsTestEvents.Events.ToArbitrary(), e => AssertDocument(e));

    [Fact]
    public void A_csv_row_has_a_column_per_field() => AssertCsv(EcsTestEvents.Everything());

    [Property(MaxTest = 200)]
    public Property Any_csv_row_reads_back_as_the_fields_present() =>
        Prop.ForAll(EcsTestEvents.Events.ToArbitrary(), e => AssertCsv(e));

    [Fact]
    public void The_school_and_the_time_of_ingestion_are_exported()
    {
        var e = EcsTestEvents.Everything();
        var doc = JsonDocument.Parse(Document(e)).RootElement;

        Assert.Equal("urn-100001", doc.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal("Example Academy", doc.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("2026-11-22T22:25:47.000Z", doc.GetProperty("event").GetProperty("ingested").GetString());
        var (header, row) = Csv(e);
        Assert.Equal("Example Academy", row[Array.IndexOf(header, "organization.name")]);
        Assert.Equal("2026-11-22T22:25:47.000Z", row[Array.IndexOf(header, "event.ingested")]);
    }

    [Fact]
    public void Without_a_school_the_document_has_no_organization()
    {
        var doc = JsonDocument.Parse(Document(TestEvents.Full())).RootElement;
        Assert.False(doc.TryGetProperty("organization", out _));
        Assert.False(doc.GetProperty("event").TryGetProperty("ingested", out _));
    }

    private static void AssertDocument(NetEvent e)
    {
        var leaves = new Dictionary<string, string>();
        Flatten(JsonDocument.Parse(Document(e)).RootElement, "", leaves);
        foreach (var field in EcsFieldCatalog.Fields)
        {
            if (field.IsExported(e))
            {
                Assert.True(leaves.TryGetValue(field.Name, out var json), $"the document lacks {field.Name}");
                Assert.Equal(Json(w => field.WriteJsonValue(w, e)), json);
            }
            else Assert.False(leaves.ContainsKey(field.Name), $"the document has {field.Name}, which the event lacks");
        }
        var unknown = leaves.Keys.Except(EcsFieldCatalog.Fields.Select(f => f.Name)).ToList();
        Assert.True(unknown.Count == 0, $"the document has what no catalogue field is (or an empty object): {string.Join(", ", unknown)}");
    }

    /// <summary>The document's values by dotted name; an object field's value (and any empty object) is one leaf.</summary>
    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> leaves)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            var isObjectField = EcsFieldCatalog.Fields.Any(f => f.Name == name && f.Type == EcsType.Object);
            if (property.Value.ValueKind == JsonValueKind.Object && !isObjectField && property.Value.EnumerateObject().Any())
                Flatten(property.Value, name + ".", leaves);
            else leaves.Add(name, property.Value.GetRawText());
        }
    }

    private static void AssertCsv(NetEvent e)
    {
        var (header, row) = Csv(e);
        Assert.Equal(EcsFieldCatalog.Exported.Select(f => f.Name), header);
        Assert.Equal(EcsFieldCatalog.Exported.Select(f => f.IsExported(e) ? f.Text(e) : ""), row);
    }

    private static string Document(NetEvent e) => Json(w => EcsJsonWriter.Write(w, e));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (string[] Header, string[] Row) Csv(NetEvent e)
    {
        var text = new StringWriter();
        EcsCsvWriter.WriteHeader(text);
        EcsCsvWriter.Write(text, e);
        var records = ParseCsv(text.ToString());
        Assert.Equal(2, records.Count);
        return (records[0], records[1]);
    }

    /// <summary>RFC 4180: fields in double quotes may hold commas, line breaks and doubled quotes.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                for (i++; !(text[i] == '"' && (i + 1 >= text.Length || text[i + 1] != '"')); i++)
                {
                    if (text[i] == '"') i++;
                    field.Append(text[i]);
                }
            }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
            }
            else field.Append(c);
        }
        return records;
    }
}
