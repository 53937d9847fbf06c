using System.CommandLine;
using NetWatch.Core.Identity;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Pipeline.Reference;

namespace NetWatch.Cli.Commands;

/// <summary>The <c>--policy FILE</c> option and loading it into an engine (a bad file is a usage error, exit 2).</summary>
internal static class PolicyOption
{
    public static Option<string?> Create(string description) => new("--policy") { Description = description };

    /// <summary>
    /// Loads the policy; with list folders (<c>--lists</c>, <c>enrich.lists</c>) a category they do not hold is an error
    /// at its line with the closest names they do hold (without lists nothing is classified, so nothing is checked);
    /// with the people directory (<c>--directory</c>) a working pattern the policy has no role for is an error.
    /// </summary>
    public static PolicyEngine? Load(ParseResult parse, Option<string?> option, IReadOnlyList<string>? lists = null, string? directory = null) =>
        parse.GetValue(option) is { } path ? Load(path, lists, directory) : null;

    public static PolicyEngine Load(string path, IReadOnlyList<string>? lists = null, string? directory = null)
    {
        var result = PolicyFileLoader.Load(path, lists is { Count: > 0 } ? ListsOption.CategoryNames(lists) : null);
        if (!result.Success)
            throw new UsageException($"policy file {path} is invalid:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        if (directory is not null && File.Exists(directory))
        {
            PeopleDirectory people;
            try { people = AttributionFiles.LoadDirectory(directory); }
            catch (AttributionFilesException ex) { throw new UsageException("bad attribution data:" + Environment.NewLine + ex.Message); }
            if (WorkingPatternCheck.Check(result.Policy!, path, people, directory) is { Count: > 0 } patterns)
                throw new UsageException(string.Join(Environment.NewLine, patterns));
        }
        return new PolicyEngine(result.Policy!);
    }
}
