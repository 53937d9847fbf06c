using Microsoft.AspNetCore.Http;
using NetWatch.Api.Security;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Api.Routes;

/// <summary>
/// Reads a request's query parameters by name, each at most once, with a 400 naming the parameter when one is
/// malformed; <see cref="RejectUnknown"/> then refuses parameters nobody read (a misspelt filter must not widen a
/// search to everyone). What was read is kept for the audit record.
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    public const string PurposeParameter = "purpose";
    public const string CursorParameter = "cursor";

    private readonly SortedDictionary<string, string> _read = new(StringComparer.Ordinal);

    /// <summary>The parameters read, for the audit record (purpose and cursor are not filters and are left out).</summary>
    public IReadOnlyDictionary<string, string> Filters => _read
        .Where(p => p.Key is not PurposeParameter and not CursorParameter)
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public string? String(string name)
    {
        var values = query[name];
        if (values.Count > 1) throw ApiProblemException.BadRequest($"'{name}' is given more than once");
        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > 2000) throw ApiProblemException.BadRequest($"'{name}' is longer than 2000 characters");
        _read[name] = value;
        return value;
    }

    /// <summary>A list: the parameter repeated, or comma-separated.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var values = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (values.Count > 0) _read[name] = string.Join(',', values);
        return values;
    }

    /// <summary>An instant in ISO 8601 with Z or an offset (2026-11-23T08:30:00Z).</summary>
    public Instant? Instant(string name)
    {
        if (String(name) is not { } text) return null;
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!parsed.Success) throw ApiProblemException.BadRequest($"'{name}' is not an ISO 8601 instant with Z or an offset (2026-11-23T08:30:00Z): '{text}'");
        return parsed.Value.ToInstant();
    }

    public int? Int(string name, int min, int max)
    {
        if (String(name) is not { } text) return null;
        if (!int.TryParse(text, out var n) || n < min || n > max)
            throw ApiProblemException.BadRequest($"'{name}' must be a whole number from {min} to {max}: '{text}'");
        return n;
    }

    public bool? Bool(string name) => String(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => throw ApiProblemException.BadRequest($"'{name}' must be true or false: '{text}'"),
    };

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), or null when absent.</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        if (String(name) is not { } text) return null;
        return allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiProblemException.BadRequest($"'{name}' must be one of {string.Join(", ", allowed)}: '{text}'");
    }

    /// <summary>Refuses any parameter that no one read.</summary>
    public void RejectUnknown()
    {
        var unknown = query.Keys.Where(k => !_read.ContainsKey(k) && query[k].All(string.IsNullOrWhiteSpace) is false).ToList();
        if (unknown.Count > 0) throw ApiProblemException.BadRequest($"unknown parameter '{unknown[0]}'");
    }
}
