using System.CommandLine;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;

namespace NetWatch.Cli.Commands;

/// <summary><c>--lists DIR</c> (repeatable): category list sets in the squidGuard/UT1 layout, later ones taking precedence.</summary>
internal static class ListsOption
{
    public static Option<string[]> Create(bool required) => new("--lists")
    {
        Description = "Category lists in the squidGuard/UT1 layout (DIR/<category>/domains|urls|expressions, .gz accepted, "
            + "DIR/allow/ for local overrides). Repeat for several list sets; a later set overrides earlier ones.",
        Required = required,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };

    /// <summary>The category names the list sets hold (a missing folder is a configuration error, exit code 2).</summary>
    public static IReadOnlyCollection<string> CategoryNames(IReadOnlyList<string> directories)
    {
        try
        {
            return CategoryListLoader.CategoryNames(directories);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--lists: {e.Message}");
        }
    }

    /// <summary>Loads the list sets; a missing folder or a bad entry is a configuration error (exit code 2).</summary>
    public static UrlCategorizer Load(IReadOnlyList<string> directories)
    {
        try
        {
            return CategoryListLoader.Load(directories);
        }
        catch (Exception e) when (e is ReferenceDataException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--lists: {e.Message}");
        }
    }
}
