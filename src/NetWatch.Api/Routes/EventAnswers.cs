using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;

namespace NetWatch.Api.Routes;

/// <summary>Events as answers: a page of ECS documents with the next page's cursor, or a streamed NDJSON or CSV export.</summary>
public static class EventAnswers
{
    public static IResult Page(IReadOnlyList<NetEvent> events, string? next) => new JsonAnswer(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("events");
        foreach (var e in events) EcsJsonWriter.Write(w, e);
        w.WriteEndArray();
        if (next is null) w.WriteNull("next");
        else w.WriteString("next", next);
        w.WriteEndObject();
    });

    public static IResult One(NetEvent e) => new JsonAnswer(w => EcsJsonWriter.Write(w, e));

    /// <summary>Every event of <paramref name="events"/>, written as it is read (nothing held in memory).</summary>
    public static IResult Export(IAsyncEnumerable<NetEvent> events, bool csv) => new ExportAnswer(events, csv);

    /// <summary>
    /// Writes into a memory chunk and hands each full chunk to the response asynchronously: the ECS writers write
    /// synchronously, which Kestrel refuses on the response stream itself.
    /// </summary>
    private sealed class ExportAnswer(IAsyncEnumerable<NetEvent> events, bool csv) : IResult
    {
        private const int ChunkBytes = 1 << 16;

        public async Task ExecuteAsync(HttpContext context)
        {
            var cancel = context.RequestAborted;
            context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"events.{(csv ? "csv" : "ndjson")}\"";
            var chunk = new MemoryStream(ChunkBytes * 2);
            using var text = new StreamWriter(chunk, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\r\n" };
            using var json = new Utf8JsonWriter(chunk, JsonAnswer.WriterOptions);
            if (csv) EcsCsvWriter.WriteHeader(text);
            await foreach (var e in events.WithCancellation(cancel))
            {
                if (csv)
                {
                    EcsCsvWriter.Write(text, e);
                    text.Flush();
                }
                else
                {
                    EcsJsonWriter.Write(json, e);
                    json.Flush();
                    json.Reset();
                    chunk.WriteByte((byte)'\n');
                }
                if (chunk.Length >= ChunkBytes) await SendAsync(chunk, context.Response.Body, cancel);
            }
            text.Flush();
            await SendAsync(chunk, context.Response.Body, cancel);
        }

        private static async Task SendAsync(MemoryStream chunk, Stream body, CancellationToken cancel)
        {
            await body.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), cancel);
            await body.FlushAsync(cancel);
            chunk.SetLength(0);
        }
    }
}
