namespace NetWatch.Service.Config;

/// <summary>A configuration that cannot run: says where (file and line, or environment variable) and what is wrong.</summary>
public sealed class ConfigException(string where, string problem) : Exception($"{where}: {problem}")
{
    public string Where { get; } = where;
    public string Problem { get; } = problem;
}
