using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

/// <summary>Typed access to YAML nodes that records an error (with the node's line) instead of throwing.</summary>
internal sealed class YamlReader(string file)
{
    readonly List<PolicyError> _errors = [];
    readonly List<CategoryMention> _categories = [];
    public IReadOnlyList<PolicyError> Errors => _errors;
    public string File => file;
    /// <summary>Every category name the file gives, where it gives it (checked against the lists later).</summary>
    public IReadOnlyList<CategoryMention> Categories => _categories;

    public void MentionCategory(string name, YamlNode node) =>
        _categories.Add(new CategoryMention(name, (int)node.Start.Line, (int)node.Start.Column));

    public void Error(YamlNode node, string message) =>
        _errors.Add(new PolicyError(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Error(int line, int column, string message) => _errors.Add(new PolicyError(file, line, column, message));

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode m) return m;
        Error(node, $"{what} must be a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode s) return s;
        Error(node, $"{what} must be a list, found {Describe(node)}");
        return null;
    }

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } v } && v.Trim().Length > 0) return v.Trim();
        Error(node, $"{what} must be a non-empty text value, found {Describe(node)}");
        return null;
    }

    /// <summary>A single value or a list of values.</summary>
    public List<(string Value, YamlNode Node)> StringList(YamlNode node, string what)
    {
        var result = new List<(string, YamlNode)>();
        if (node is YamlScalarNode)
        {
            if (Scalar(node, what) is { } v) result.Add((v, node));
            return result;
        }
        if (Sequence(node, what) is not { } seq) return result;
        foreach (var item in seq.Children)
            if (Scalar(item, $"each item of {what}") is { } v) result.Add((v, item));
        return result;
    }

    public bool? Bool(YamlNode node, string what)
    {
        var v = Scalar(node, what);
        if (v is null) return null;
        if (v is "true" or "yes") return true;
        if (v is "false" or "no") return false;
        Error(node, $"{what} must be true or false, found '{v}'");
        return null;
    }

    public int? NonNegativeInt(YamlNode node, string what)
    {
        var v = Scalar(node, what);
        if (v is null) return null;
        if (int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        Error(node, $"{what} must be a whole number of 0 or more, found '{v}'");
        return null;
    }

    /// <summary>The entries of a mapping with string keys; unknown keys are errors (they are usually typos).</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string what, IReadOnlyCollection<string>? allowed)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
            {
                Error(k, $"{what}: keys must be plain text");
                continue;
            }
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(k, $"{what}: unknown key '{key}' (expected one of: {string.Join(", ", allowed)})");
                continue;
            }
            yield return (key, k, v);
        }
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;
}
