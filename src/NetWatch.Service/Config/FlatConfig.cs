using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Service.Config;

/// <summary>
/// A YAML (or JSON, which YAML reads) configuration flattened to Microsoft.Extensions.Configuration keys
/// ("sources:0:port"), keeping the line each value came from so that errors can point at it.
/// </summary>
public sealed class FlatConfig
{
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, int> Lines { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string FileName { get; }

    private FlatConfig(string fileName) => FileName = fileName;

    public static FlatConfig Parse(string text, string fileName)
    {
        var flat = new FlatConfig(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{fileName}:{ex.Start.Line}", "not valid YAML/JSON: " + (ex.InnerException?.Message ?? ex.Message));
        }
        if (stream.Documents.Count == 0) throw new ConfigException($"{fileName}:1", "the file is empty");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException($"{fileName}:{stream.Documents[0].RootNode.Start.Line}", "the top level must be a mapping (key: value)");
        flat.Add("", root);
        return flat;
    }

    /// <summary>"file:line" of a key (or of its nearest parent that has one).</summary>
    public string Where(string key)
    {
        for (var k = key; ; k = k[..k.LastIndexOf(':')])
        {
            if (Lines.TryGetValue(k, out var line)) return $"{FileName}:{line}";
            if (!k.Contains(':')) return FileName;
        }
    }

    private void Add(string prefix, YamlNode node)
    {
        if (prefix.Length > 0) Lines.TryAdd(prefix, (int)node.Start.Line);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    var child = prefix.Length == 0 ? name : prefix + ":" + name;
                    if (Lines.ContainsKey(child)) throw new ConfigException($"{FileName}:{key.Start.Line}", $"'{name}' is given twice");
                    Lines[child] = (int)key.Start.Line;
                    Add(child, value);
                }
                break;
            case YamlSequenceNode list:
                var i = 0;
                foreach (var item in list.Children) Add($"{prefix}:{i++}", item);
                break;
            case YamlScalarNode scalar:
                Values[prefix] = scalar.Value;
                break;
        }
    }
}
