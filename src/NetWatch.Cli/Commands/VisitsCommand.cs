using System.CommandLine;
using NetWatch.Cli.Arguments;
using NetWatch.Core.Policy;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Search;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch visits --store DIR [--policy FILE] [--user U] [--from T] [--to T] [--gap MINUTES]</c>: time on site.
/// Groups the stored events of each person into visits per registered domain and prints them; with a policy,
/// judges the events with it and adds each person's personal-use minutes per day and week against its thresholds.
/// Visits are derived here from the stored events; <c>import --policy</c> also stores them (table visits).
/// </summary>
internal static class VisitsCommand
{
    public static Command Create()
    {
        var store = StoreReading.Options.Create();
        var policy = PolicyOption.Create("Judge the events with this policy (else the stored verdicts) and report personal-use minutes");
        var user = new Option<string?>("--user") { Description = "Only this user (user.name, case-insensitive)" };
        var from = new Option<string?>("--from") { Description = "First instant included: ISO-8601 with Z/offset, or local date or date-time" };
        var to = new Option<string?>("--to") { Description = "Instant excluded onwards (same forms as --from)" };
        var gap = new Option<int>("--gap") { Description = "Idle minutes that end a visit", DefaultValueFactory = _ => 5 };
        var command = new Command("visits", "Time on site: each person's visits per domain, and personal-use minutes") { policy, user, from, to, gap };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(gap) < 1) throw new UsageException("--gap must be at least 1 minute");
            var engine = PolicyOption.Load(parse, policy);
            var zone = engine?.Policy.TimeZone ?? DateTimeZoneProviders.Tzdb["Europe/London"];
            var query = new EventQuery
            {
                From = parse.GetValue(from) is { } f ? TimeArgument.Parse("--from", f, zone) : null,
                To = parse.GetValue(to) is { } t ? TimeArgument.Parse("--to", t, zone) : null,
                Person = parse.GetValue(user),
            };
            using var opened = StoreReading.Open(parse, store, "visits", StoreReading.Filters(query));
            var events = opened.Search.StreamAsync(query, CancellationToken.None).ToBlockingEnumerable();
            if (engine is not null) events = events.Select(engine.Enrich);
            var visits = VisitAggregator.Group(events, Duration.FromMinutes(parse.GetValue(gap)));

            var w = Console.Out;
            var time = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");
            w.WriteLine($"{"person",-14} {"domain",-26} {"start (" + zone.Id + ")",-26} {"duration",9} {"requests",8}  verdict / categories");
            foreach (var v in visits)
                w.WriteLine($"{v.Person,-14} {v.Domain,-26} {time.Format(v.Start.InZone(zone).LocalDateTime),-26} "
                    + $"{v.Duration.ToString("m:ss", null),9} {v.EventCount,8}  {v.Verdict ?? "-"} [{string.Join(", ", v.Categories)}]");
            w.WriteLine($"{visits.Count} visits");
            if (engine is null) return CliRunner.Success;

            var (daily, weekly) = PersonalUse.Tally(visits, engine);
            w.WriteLine("personal use per day (in working hours / in all):");
            foreach (var d in daily)
                w.WriteLine($"  {d.Person,-14} {d.Date:uuuu-MM-dd} {d.InWorkingHours.TotalMinutes,6:0.0} / {d.Total.TotalMinutes,6:0.0} min"
                    + (d.OverDailyLimit ? $"  OVER the daily limit [{d.Clause}]" : ""));
            w.WriteLine("personal use per ISO week:");
            foreach (var x in weekly)
                w.WriteLine($"  {x.Person,-14} {x.WeekYear}-W{x.Week:00} {x.Total.TotalMinutes,6:0.0} min" + (x.Excessive ? $"  EXCESSIVE [{x.Clause}]" : ""));
            return CliRunner.Success;
        });
        return command;
    }
}
