using System.CommandLine;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Storage;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch summary --store DIR</c>: what the store holds: counts, time span, top users and sites, dead letters.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var top = new Option<int>("--top") { Description = "How many users and sites to list", DefaultValueFactory = _ => 10 };
        var command = new Command("summary", "Print what the store holds: events, time span, top users and sites, dead letters") { store, top };
        command.SetAction(parse =>
        {
            using var eventStore = EventStore.Open(CommonOptions.ExistingStore(parse, store));
            var s = eventStore.Queries.Summary(parse.GetValue(top));
            var w = Console.Out;
            w.WriteLine($"events: {s.Events}" + (s.First is { } f && s.Last is { } l
                ? $", from {EcsJsonWriter.FormatInstant(f)} to {EcsJsonWriter.FormatInstant(l)}" : ""));
            long Kind(string k) => s.ByKind.FirstOrDefault(x => x.Name == k).Count;
            w.WriteLine($"by kind:     page views {Kind(EventKinds.PageView)}, DNS look-ups {Kind(EventKinds.DnsLookup)}, "
                + $"firewall sessions {Kind(EventKinds.FirewallSession)}, findings {Kind(EventKinds.Finding)} (verdicts, themes, top users and sites count page views only)");
            w.WriteLine("by source:   " + string.Join(", ", s.ByProduct.Select(x => $"{x.Name} {x.Count}")));
            w.WriteLine("by action:   " + string.Join(", ", s.ByAction.Select(x => $"{x.Name} {x.Count}")));
            if (s.ByVerdict.Count > 0) w.WriteLine("by verdict (page views): " + string.Join(", ", s.ByVerdict.Select(x => $"{x.Name} {x.Count}")));
            if (s.LookupsByVerdict.Count > 0)
                w.WriteLine("DNS look-ups by verdict (not page views): " + string.Join(", ", s.LookupsByVerdict.Select(x => $"{x.Name} {x.Count}")));
            if (s.PersonalUseByRole.Count > 0)
            {
                w.WriteLine("personal use by role (page views, visit minutes):");
                foreach (var p in s.PersonalUseByRole) w.WriteLine($"  {p.Role,-14} {p.Verdict,-24} {p.Count,8} {p.Minutes,8:0.0} min");
            }
            if (s.BySafeguardingTheme.Count > 0)
                w.WriteLine("safeguarding themes (page views): " + string.Join(", ", s.BySafeguardingTheme.Select(x => $"{x.Name} {x.Count}")));
            w.WriteLine("top users (page views, bytes):");
            foreach (var u in s.TopUsers) w.WriteLine($"  {u.Name,-24} {u.Count,8} {u.Bytes,14}");
            w.WriteLine("top sites (page views, bytes):");
            foreach (var d in s.TopDomains) w.WriteLine($"  {d.Name,-24} {d.Count,8} {d.Bytes,14}");
            w.WriteLine("dead letters: " + (s.DeadLettersByReason.Count == 0 ? "none"
                : string.Join(", ", s.DeadLettersByReason.Select(x => $"{x.Name} {x.Count}"))));
            return CliRunner.Success;
        });
        return command;
    }
}
