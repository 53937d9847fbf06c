using System.CommandLine;
using NetWatch.Core.Policy;
using NetWatch.Pipeline.Reference;

namespace NetWatch.Cli.Commands;

/// <summary>The <c>--policy FILE</c> option and loading it into an engine (a bad file is a usage error, exit 2).</summary>
internal static class PolicyOption
{
    public static Option<string?> Create(string description) => new("--policy") { Description = description };

    public static PolicyEngine? Load(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } path ? Load(path) : null;

    public static PolicyEngine Load(string path)
    {
        var result = PolicyFileLoader.Load(path);
        if (!result.Success)
            throw new UsageException($"policy file {path} is invalid:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        return new PolicyEngine(result.Policy!);
    }
}
