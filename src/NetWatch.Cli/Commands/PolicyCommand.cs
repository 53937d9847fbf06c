using System.CommandLine;
using NetWatch.Core.Policy;
using NetWatch.Pipeline.Reference;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch policy check FILE [--lists DIR]...</c>: validates a policy file and prints a readable summary.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Policy file (YAML, see policies/README.md)" };
        var lists = ListsOption.Create(required: false);
        lists.Description = "Category lists the policy is used with: a category they do not hold is an error. " + lists.Description;
        var check = new Command("check", "Validate a policy file; print its summary, or each problem as FILE:LINE: message (exit 2)") { file, lists };
        check.SetAction(parse =>
        {
            var listDirs = parse.GetValue(lists) ?? [];
            var result = PolicyFileLoader.Load(parse.GetValue(file)!, listDirs.Length > 0 ? ListsOption.CategoryNames(listDirs) : null);
            if (!result.Success)
            {
                foreach (var error in result.Errors) Console.Error.WriteLine(error.ToString());
                Console.Error.WriteLine($"{result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")}: the policy was not loaded");
                return CliRunner.BadUsage;
            }
            Console.Out.Write(PolicySummary.ToText(result.Policy!));
            Console.Out.WriteLine("OK");
            return CliRunner.Success;
        });
        return new Command("policy", "Acceptable-use policy files") { check };
    }
}
