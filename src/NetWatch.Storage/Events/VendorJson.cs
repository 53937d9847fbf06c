using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetWatch.Storage.Events;

/// <summary>
/// Vendor groups with many rarely queried fields (fortinet.*, pfsense.*) are kept as one JSON column each
/// rather than a column per field: DuckDB's JSON functions still reach them, and a Squid row does not pay for them.
/// </summary>
internal static class VendorJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string? Write<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}
