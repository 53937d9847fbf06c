using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using NetWatch.Core.Parsing;

namespace NetWatch.Service.Config;

/// <summary>Typed values of the configuration, and errors naming the file and line (or the environment variable) they came from.</summary>
internal sealed class ConfigReader(FlatConfig flat, IConfiguration config)
{
    public string? String(string key) => config[key] is { Length: > 0 } v ? v : null;

    /// <summary>True when the key (a value or a section) is given at all.</summary>
    public bool Has(string key) => config.GetSection(key).Exists();

    public int? Int(string key, int min, int max)
    {
        if (String(key) is not { } text) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw Error(key, $"'{text}' is not a whole number from {min} to {max}");
    }

    public bool? Bool(string key) => String(key) switch
    {
        null => null,
        "true" or "True" or "yes" => true,
        "false" or "False" or "no" => false,
        var text => throw Error(key, $"'{text}' is not true or false"),
    };

    public string? Address(string key)
    {
        if (String(key) is not { } text) return null;
        return IPAddress.TryParse(text, out _) ? text : throw Error(key, $"'{text}' is not an IP address");
    }

    public string? Format(string key)
    {
        if (String(key) is not { } text) return null;
        return LogFormats.IsKnown(text) ? text : throw Error(key, $"format '{text}' is not known; known formats: {string.Join(", ", LogFormats.Names)}");
    }

    public ConfigException Error(string key, string problem)
    {
        var variable = ServiceConfigReader.EnvironmentPrefix + key.Replace(":", "__");
        var fromEnvironment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .FirstOrDefault(k => string.Equals(k, variable, StringComparison.OrdinalIgnoreCase));
        return new ConfigException(fromEnvironment is not null ? "environment variable " + fromEnvironment : flat.Where(key), problem);
    }
}
