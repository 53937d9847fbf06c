using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>
/// Reads ISC dhcpd's lease database (dhcpd.leases(5)). The file is a journal: each <c>lease IP { ... }</c>
/// block restates the lease; a later block for the same address supersedes the earlier one, which the
/// interval map does by itself. Every block with a hardware address becomes a start at <c>starts</c>,
/// expiring at <c>ends</c> (<c>tstp</c> when the lease was freed early). Times are UTC
/// (<c>W YYYY/MM/DD HH:MM:SS</c>) or <c>epoch N</c> (db-time-format local).
/// </summary>
public static class IscDhcpdLeasesParser
{
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'/'MM'/'dd HH:mm:ss");

    private sealed class Block
    {
        public required long Line;
        public required UInt128 Ip;
        public Instant? Starts, Ends, Tstp;
        public bool EndsNever;
        public ulong? Mac;
        public string? HostName;
        public string State = "active";
        /// <summary>A statement of the block was already reported: do not add errors that follow from it.</summary>
        public bool Broken;
    }

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Parse(string source, IEnumerable<string> lines)
    {
        var errors = new List<ReferenceError>();
        var evidence = new List<IpEvidence>();
        Block? block = null;
        var otherDepth = 0; // inside a failover / host / class block we do not read
        long number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            if (block is null && otherDepth == 0 && line.StartsWith("lease ", StringComparison.Ordinal))
            {
                var header = line[6..].TrimEnd('{').Trim();
                if (!line.EndsWith('{')) { errors.Add(new(source, number, "expected '{' at the end of the lease line")); continue; }
                if (!IpKey.TryParse(header, out var ip)) { errors.Add(new(source, number, $"'{header}' is not an IP address")); ip = 0; }
                block = new Block { Line = number, Ip = ip };
                continue;
            }
            if (block is null)
            {
                otherDepth += line.Count(c => c == '{') - line.Count(c => c == '}');
                if (otherDepth < 0) { errors.Add(new(source, number, "'}' without an open block")); otherDepth = 0; }
                continue;
            }
            if (line == "}")
            {
                if (block.Ip != 0) Emit(source, block, evidence, errors);
                block = null;
                continue;
            }
            var before = errors.Count;
            ReadStatement(source, number, line, block, errors);
            block.Broken |= errors.Count > before;
        }
        if (block is not null) errors.Add(new(source, block.Line, "lease block is not closed with '}' before the end of the file"));
        return new(evidence, errors);
    }

    private static void ReadStatement(string source, long number, string line, Block block, List<ReferenceError> errors)
    {
        if (!line.EndsWith(';')) { errors.Add(new(source, number, $"statement does not end with ';': {line}")); return; }
        var statement = line[..^1].Trim();
        var space = statement.IndexOf(' ');
        var keyword = space < 0 ? statement : statement[..space];
        var rest = space < 0 ? "" : statement[(space + 1)..].Trim();
        switch (keyword)
        {
            case "starts": block.Starts = ReadTime(source, number, rest, errors); break;
            case "tstp": block.Tstp = ReadTime(source, number, rest, errors); break;
            case "ends":
                if (rest == "never") block.EndsNever = true;
                else block.Ends = ReadTime(source, number, rest, errors);
                break;
            case "hardware":
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && MacKey.TryParse(parts[1], out var mac)) block.Mac = mac;
                else errors.Add(new(source, number, $"hardware address '{rest}' is not 'ethernet xx:xx:xx:xx:xx:xx'"));
                break;
            case "client-hostname": block.HostName = rest.Trim('"'); break;
            case "binding" when rest.StartsWith("state ", StringComparison.Ordinal): block.State = rest[6..].Trim(); break;
        }
    }

    private static Instant? ReadTime(string source, long number, string text, List<ReferenceError> errors)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[0] == "epoch" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            return Instant.FromUnixTimeSeconds(epoch);
        if (parts.Length == 3 && int.TryParse(parts[0], out _))
        {
            var parsed = TimePattern.Parse(parts[1] + " " + parts[2]);
            if (parsed.Success) return parsed.Value.InUtc().ToInstant();
        }
        errors.Add(new(source, number, $"time '{text}' is neither 'W YYYY/MM/DD HH:MM:SS' nor 'epoch N'"));
        return null;
    }

    private static void Emit(string source, Block block, List<IpEvidence> evidence, List<ReferenceError> errors)
    {
        if (block.Broken || block.Mac is null || block.State is "backup" or "abandoned") return; // reported, or pool bookkeeping
        if (block.Starts is not { } starts) { errors.Add(new(source, block.Line, "lease has a hardware address but no 'starts' time")); return; }
        Instant? end = block.State == "active" ? block.Ends : block.Tstp ?? block.Ends;
        if (end is null && !block.EndsNever && block.State == "active") { errors.Add(new(source, block.Line, "active lease has no 'ends' time")); return; }
        if (end is null && block.State != "active") return;
        evidence.Add(new IpEvidence
        {
            At = starts,
            Kind = EvidenceKind.Start,
            Expires = end,
            Source = AttributionSources.Dhcp,
            Ip = block.Ip,
            Mac = block.Mac,
            HostName = block.HostName,
            Origin = $"{source}:{block.Line}",
        });
    }

    private static string StripComment(string line)
    {
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') inQuotes = !inQuotes;
            else if (line[i] == '#' && !inQuotes) return line[..i];
        }
        return line;
    }
}
