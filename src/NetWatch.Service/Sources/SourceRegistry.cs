using NetWatch.Service.Sources.File;
using NetWatch.Service.Sources.SyslogTcp;
using NetWatch.Service.Sources.SyslogUdp;

namespace NetWatch.Service.Sources;

/// <summary>The source kinds a configuration may name, by <c>type</c>. Adding a kind: its folder, and one line here.</summary>
public sealed class SourceRegistry
{
    private readonly Dictionary<string, ISourceKind> _kinds = new(StringComparer.Ordinal);

    public static SourceRegistry Default => new SourceRegistry()
        .Add(new FileSourceKind())
        .Add(new SyslogUdpSourceKind())
        .Add(new SyslogTcpSourceKind());

    public SourceRegistry Add(ISourceKind kind)
    {
        _kinds.Add(kind.Type, kind);
        return this;
    }

    public IEnumerable<string> Types => _kinds.Keys;

    public ISourceKind? Find(string type) => _kinds.GetValueOrDefault(type);

    /// <summary>The kind that bound these settings.</summary>
    public ISourceKind For(SourceSettings settings) => _kinds[settings.Type];
}
