using System.Text.Json;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Contracts.Checkpoints;

/// <summary>
/// A <see cref="SourcePosition"/> (file identity, byte offset, line, path, fingerprint) as checkpoint position text:
/// its JSON. Stores written before checkpoints kept such positions in their own table; a store reads them back as
/// checkpoints of kind <see cref="Kind"/>, which the file and syslog sources resume from like their own.
/// </summary>
public static class SourcePositionText
{
    /// <summary>The kind of a checkpoint read from a store's older source_positions table.</summary>
    public const string Kind = "source-position";

    public static string Write(SourcePosition position) => JsonSerializer.Serialize(position, JsonSerializerOptions.Web);

    public static SourcePosition? TryRead(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<SourcePosition>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
