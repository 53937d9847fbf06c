using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NetWatch.Api.Routes;

/// <summary>
/// An answer written straight to the response as JSON by a callback (events are written by the ECS writer of
/// NetWatch.Core, not by a serializer's idea of a NetEvent). Property names are snake_case like ECS's.
/// </summary>
public sealed class JsonAnswer(Action<Utf8JsonWriter> write) : IResult
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"name": [{...}, ...]}</c>: one object per item, its properties written by <paramref name="writeItem"/>.</summary>
    public static JsonAnswer Array<T>(string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem) => new(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeItem(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        write(writer);
        await writer.FlushAsync(context.RequestAborted);
    }
}
