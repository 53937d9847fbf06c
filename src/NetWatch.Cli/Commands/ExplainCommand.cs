using System.CommandLine;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch explain --store DIR --event ID [--policy FILE]</c>: reads one event back from the store and shows
/// how its verdict was reached (local time, role, period of the day, categories, every rule tried).
/// Without --policy, the file named by the stored netwatch.policy.name is looked for in --policies DIR.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var store = StoreReading.Options.Create();
        var id = new Option<string>("--event") { Description = "The event id (event.id: 32 hex digits)", Required = true };
        var policy = PolicyOption.Create("Policy file to judge the event with (default: the stored policy name, looked up in --policies)");
        var policies = new Option<string>("--policies") { Description = "Folder of policy files named NAME.yaml", DefaultValueFactory = _ => "policies" };
        var command = new Command("explain", "Show how one stored event's policy verdict was reached") { id, policy, policies };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var text = parse.GetValue(id)!.Trim().Replace("-", "");
            if (!EventId.TryParse(text, out var eventId))
                throw new UsageException($"--event '{parse.GetValue(id)}' is not an event id (32 hex digits)");
            using var opened = StoreReading.Open(parse, store, "explain", new Dictionary<string, string> { ["id"] = text });
            var e = opened.Search.GetAsync(eventId, CancellationToken.None).GetAwaiter().GetResult()
                ?? throw new UsageException($"no event with id {eventId} in the store {parse.GetValue(store.Store) ?? opened.ServiceUrl}");
            var w = Console.Out;
            WriteEvent(w, e);

            var engine = PolicyOption.Load(parse, policy);
            if (engine is null && e.Policy?.PolicyName is { } name)
            {
                var path = Path.Combine(parse.GetValue(policies)!, name + ".yaml");
                if (File.Exists(path)) engine = PolicyOption.Load(path);
            }
            if (engine is null)
            {
                w.WriteLine(e.Policy is null
                    ? "This event was imported without a policy. Give --policy FILE to judge it."
                    : $"Policy file for '{e.Policy.PolicyName}' not found in {parse.GetValue(policies)}: give --policy FILE to see the steps.");
                return CliRunner.Success;
            }
            var explanation = engine.Explain(e);
            w.WriteLine();
            w.Write(explanation.ToText());
            if (e.Policy is { } stored && (stored.Verdict != explanation.Decision.Verdict || stored.Rule != explanation.Decision.Rule
                                           || stored.PolicyName != explanation.Decision.PolicyName))
                w.WriteLine($"note: the stored verdict differs ({stored.Verdict}, rule {stored.Rule}, policy {stored.PolicyName}):"
                    + " the event was judged with another policy or another version of this one.");
            return CliRunner.Success;
        });
        return command;
    }

    static void WriteEvent(TextWriter w, NetEvent e)
    {
        w.WriteLine($"event:      {e.Id} ({e.Origin.Source}:{e.Origin.LineNumber})");
        w.WriteLine($"@timestamp: {NodaTime.Text.InstantPattern.ExtendedIso.Format(e.Timestamp)}");
        w.WriteLine($"user:       {e.UserName ?? "-"} from {e.SourceIp ?? "-"}"
            + (e.Attribution is { } a ? $", roles [{string.Join(", ", a.Roles)}] ({a.Source})" : ", not attributed"));
        w.WriteLine($"url:        {e.Method} {e.Url.Original} ({e.Action})");
        if (e.Policy is { } p)
            w.WriteLine($"stored:     {p.Verdict} (rule {p.Rule ?? "-"}, clause {p.Clause ?? "-"}, policy {p.PolicyName ?? "-"})");
    }
}
