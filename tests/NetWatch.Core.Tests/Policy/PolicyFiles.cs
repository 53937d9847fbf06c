using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Core.Tests.Policy;

/// <summary>The shipped policy files (repo folder policies/), found by walking up from the test binaries.</summary>
public static class PolicyFiles
{
    public static readonly string[] Names = ["000-local-authority", "001-template", "002-southover", "003-glenmere", "004-droitwich"];

    static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, "000-local-authority.yaml"))) return candidate;
        }
        throw new InvalidOperationException("policies/ not found above " + AppContext.BaseDirectory);
    });

    static readonly Dictionary<string, PolicyEngine> Engines = new();

    public static string PathOf(string name) => Path.Combine(Folder.Value, name + ".yaml");

    public static SchoolPolicy Load(string name)
    {
        var result = PolicyParser.Parse(File.ReadAllText(PathOf(name)), name + ".yaml");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Policy!;
    }

    public static PolicyEngine Engine(string name)
    {
        lock (Engines)
        {
            if (!Engines.TryGetValue(name, out var engine)) Engines[name] = engine = new PolicyEngine(Load(name));
            return engine;
        }
    }
}
