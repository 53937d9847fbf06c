using Microsoft.Extensions.Configuration;
using NetWatch.Service.Config;

namespace NetWatch.Service.Sources;

/// <summary>One source's section of the configuration, as a kind reads it: typed values, and errors naming file and line.</summary>
public sealed class SourceBinding
{
    private readonly ConfigReader _reader;
    private readonly IConfiguration _config;

    internal SourceBinding(ConfigReader reader, IConfiguration config, string key, string name)
    {
        (_reader, _config, Key, Name) = (reader, config, key, name);
    }

    /// <summary>The section's key ("sources:0"), for errors about the source as a whole.</summary>
    public string Key { get; }

    public string Name { get; }

    public string? String(string key) => _reader.String(Key + ":" + key);
    public int? Int(string key, int min, int max) => _reader.Int(Key + ":" + key, min, max);
    public bool? Bool(string key) => _reader.Bool(Key + ":" + key);
    public string? Address(string key) => _reader.Address(Key + ":" + key);
    /// <summary>A log format name, checked against the known formats.</summary>
    public string? Format(string key) => _reader.Format(Key + ":" + key);

    /// <summary>The items of a list setting, each as a binding of its own (for errors naming its line).</summary>
    public IEnumerable<SourceBinding> Items(string key) =>
        _config.GetSection(Key + ":" + key).GetChildren().Select(c => new SourceBinding(_reader, _config, c.Path, Name));

    /// <summary>An error about <paramref name="key"/> (null: the source as a whole).</summary>
    public ConfigException Error(string? key, string problem) => _reader.Error(key is null ? Key : Key + ":" + key, problem);
}
