using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Core.Tests.Ecs;

/// <summary>A document read back is the event it was written from: written again it is the same document, and CSV row.</summary>
public class EcsJsonReaderTests
{
    private static string Document(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EcsJsonWriter.Write(w, e);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string CsvRow(NetEvent e)
    {
        var text = new StringWriter();
        EcsCsvWriter.Write(text, e);
        return text.ToString();
    }

    private static bool RoundTrips(NetEvent e)
    {
        var document = Document(e);
        var read = EcsJsonReader.Read(document);
        Assert.Equal(document, Document(read));
        Assert.Equal(CsvRow(e), CsvRow(read));
        return true;
    }

    [Fact]
    public void Every_field_reads_back()
    {
        var e = EcsTestEvents.Everything() with { Ingested = TestEvents.Base + Duration.FromMinutes(1) };
        RoundTrips(e);
        // At the documents' precision (milliseconds) the event itself comes back, field for field.
        Assert.Empty(EcsTestEvents.Differences(e, EcsJsonReader.Read(Document(e))));
    }

    [Property(MaxTest = 300)]
    public Property Any_document_reads_back_as_the_same_document() =>
        Prop.ForAll(EcsTestEvents.Events.ToArbitrary(), RoundTrips);

    [Fact]
    public void Vendor_groups_read_back()
    {
        var e = TestEvents.Minimal(1) with
        {
            Fortinet = new FortinetFields { Type = "utm", Subtype = "webfilter", Category = 52, SessionId = 123456789012, Message = "URL blocked", Sni = "x.example" },
            PfSense = new PfSenseFields { RuleNumber = "5", Action = "block", ProtocolId = 6, Length = 60, TcpFlags = "S", IcmpType = "echo" },
        };
        RoundTrips(e);
        var read = EcsJsonReader.Read(Document(e));
        Assert.Equal((e.Fortinet, e.PfSense), (read.Fortinet, read.PfSense));
    }
}
