using NetWatch.Core.Urls;

namespace NetWatch.Core.Events;

/// <summary>
/// url.*: the URL as logged and its parts. Domain is lower-case ASCII (punycode for IDN);
/// DomainUnicode is the same name in Unicode (equal to Domain when not IDN). Port is the effective port.
/// For CONNECT host:443, Scheme is null and Path is null.
/// </summary>
/// <remarks>
/// url.path and url.query take no string of their own where they are what <see cref="UrlTail.TryFind"/> finds in
/// url.original (every URL the normaliser splits): they are read from it when asked (<see cref="PathSpan"/> and
/// <see cref="QuerySpan"/> without a copy; <see cref="Path"/> and <see cref="Query"/> make the string). An event waits in
/// memory until the store has written it, and the two strings were ~60 bytes a line of it. The form is unique for the
/// values (derived whenever it can be, as the store's StoredUrl rule reads them), so equality is what it was.
/// </remarks>
public sealed record UrlParts
{
    public static readonly UrlParts Empty = new() { Original = "" };

    private readonly string _original = "";
    // url.path and url.query as given, or null where they are derived. Written only by the init accessors (through
    // KeepTail and KeepFound).
    private TailText? _tail = TailText.None;
    // Where derived: where url.path and url.query are in url.original, found once (classification, search terms and the
    // policy read them ~10 times a URL: finding them again each time cost more CPU than the two strings saved). A path
    // of length 0 is "/", a query of length 0 is none. 96 bytes with the two strings' ~60 gone (88 with them before).
    private int _pathStart, _pathLength, _queryStart, _queryLength;

    /// <summary>url.path and url.query where they are not derived (both none: <see cref="None"/>).</summary>
    private sealed record TailText(string? Path, string? Query)
    {
        public static readonly TailText None = new(null, null);
    }

    /// <summary>url.original</summary>
    public required string Original
    {
        get => _original;
        init
        {
            // A derived path and query keep their values when the text changes (`with { Original = ... }`).
            var (path, query) = (Path, Query);
            _original = value;
            KeepTail(path, query);
        }
    }

    /// <summary>url.scheme</summary>
    public string? Scheme { get; init; }
    /// <summary>url.domain (ASCII/punycode, lower-case, no trailing dot; IPv6 without brackets)</summary>
    public string? Domain { get; init; }
    /// <summary>The Unicode form of url.domain (not an ECS field; exported as netwatch.url.domain_unicode when it differs)</summary>
    public string? DomainUnicode { get; init; }
    /// <summary>url.port</summary>
    public int? Port { get; init; }

    /// <summary>url.path</summary>
    public string? Path
    {
        get => _tail is { } t ? t.Path : Tail().Path;
        init => KeepTail(value, Query);
    }

    /// <summary>url.query (without the '?')</summary>
    public string? Query
    {
        get => _tail is { } t ? t.Query : Tail().Query;
        init => KeepTail(Path, value);
    }

    /// <summary>url.registered_domain (Public Suffix List)</summary>
    public string? RegisteredDomain { get; init; }
    /// <summary>url.top_level_domain (the public suffix)</summary>
    public string? TopLevelDomain { get; init; }

    /// <summary>
    /// Set by the normaliser, whose path and query are by construction what <see cref="UrlTail.TryFind"/> finds in
    /// url.original (after <see cref="Original"/> in the initialiser): no strings made, nothing compared.
    /// </summary>
    internal bool TailFromOriginal
    {
        init
        {
            if (value && UrlTail.TryFind(_original, out var path, out var query)) KeepFound(path, query);
            else _tail = TailText.None;
        }
    }

    /// <summary>Whether url.path and url.query are what <see cref="UrlTail.TryFind"/> finds in url.original (a path set).</summary>
    public bool IsTailInOriginal() => _tail is null;

    /// <summary>Whether url.path is set (<see cref="Path"/> is not null).</summary>
    public bool HasPath() => _tail is not { Path: null };

    /// <summary>Whether url.query is set (<see cref="Query"/> is not null).</summary>
    public bool HasQuery() => _tail is { } t ? t.Query is not null : _queryLength > 0;

    /// <summary>url.path's text without a copy; empty when none.</summary>
    public ReadOnlySpan<char> PathSpan() =>
        _tail is { } t ? t.Path : _pathLength == 0 ? "/" : _original.AsSpan(_pathStart, _pathLength);

    /// <summary>url.query's text without a copy; empty when none.</summary>
    public ReadOnlySpan<char> QuerySpan() => _tail is { } t ? t.Query : _original.AsSpan(_queryStart, _queryLength);

    private (string Path, string? Query) Tail() => UrlTail.Text(PathSpan(), QuerySpan());

    /// <summary>
    /// Stores url.path and url.query as derived: where <see cref="UrlTail.TryFind"/> found them in url.original (slices
    /// of it, but for a path of "/" made for an empty one).
    /// </summary>
    private void KeepFound(ReadOnlySpan<char> path, ReadOnlySpan<char> query)
    {
        var original = _original.AsSpan();
        (_pathStart, _pathLength) = original.Overlaps(path, out var pathAt) ? (pathAt, path.Length) : (0, 0);
        (_queryStart, _queryLength) = original.Overlaps(query, out var queryAt) ? (queryAt, query.Length) : (0, 0);
        _tail = null;
    }

    /// <summary>Stores url.path and url.query: derived where url.original gives both, else as given.</summary>
    private void KeepTail(string? path, string? query)
    {
        if (path is not null && UrlTail.TryFind(_original, out var foundPath, out var foundQuery)
            && foundPath.SequenceEqual(path) && (query is null ? foundQuery.IsEmpty : !foundQuery.IsEmpty && foundQuery.SequenceEqual(query)))
        {
            KeepFound(foundPath, foundQuery);
            return;
        }
        (_pathStart, _pathLength, _queryStart, _queryLength) = (0, 0, 0, 0);
        _tail = path is null && query is null ? TailText.None : new TailText(path, query);
    }
}
