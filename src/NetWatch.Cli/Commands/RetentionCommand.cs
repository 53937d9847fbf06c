using System.CommandLine;
using NetWatch.Core.Ecs;
using NetWatch.Service.Retention;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch retention run (--store DIR [--policy FILE] | --config FILE)</c>: deletes the events, findings, visits
/// and dead letters older than their retention (the configuration's, else the policy's, else 12 months), as the daily
/// job of <c>netwatch run</c> does, and records each kind's deletion in the audit log, by the operating-system user.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create() => new("retention", "Retention: delete what is older than its retention period")
    {
        Run(),
    };

    private static Command Run()
    {
        var stores = new ConfiguredStore();
        var policy = PolicyOption.Create("Policy file whose retention periods apply (with --store; --config names its own)");
        var command = new Command("run", "Delete events, findings, visits and dead letters older than their retention, and record it in the audit log");
        stores.AddTo(command);
        command.Options.Add(policy);
        command.SetAction(async (parse, cancel) =>
        {
            var config = stores.ReadConfig(parse);
            if (config is not null && parse.GetValue(policy) is not null)
                throw new UsageException("--policy goes with --store: with --config the configuration's enrich.policy applies");
            var plan = RetentionPlan.Resolve(config?.Retention ?? RetentionSettings.Default,
                ConfiguredStore.LoadPolicy(config is null ? parse.GetValue(policy) : config.Policy));
            using var store = stores.Open(parse, config);
            var runner = new RetentionRunner(store.Retention, store.Audit, SystemClock.Instance);
            var outcomes = await runner.RunAsync(plan, "os:" + Environment.UserName, cancel);
            Console.Out.WriteLine("kind\tkept\tdeleted before\tdeleted\trule");
            foreach (var o in outcomes)
                Console.Out.WriteLine($"{o.Rule.Name}\t{o.Rule.Period.Text}\t{EcsJsonWriter.FormatInstant(o.Before)}\t{o.Deleted}\t{o.Rule.Source}");
            foreach (var kind in plan.KeptUntilSet)
                Console.Out.WriteLine($"{kind}\tno period set\t-\t0\tkept until retention.{kind} sets one");
            Console.Error.WriteLine($"{outcomes.Sum(o => o.Deleted)} records deleted; the audit log records each kind's deletion ({RetentionRunner.Action})");
            return CliRunner.Success;
        });
        return command;
    }
}
