using System.CommandLine;
using System.Text.Json;
using NetWatch.Cli.Arguments;
using NetWatch.Core.Ecs;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch audit --store DIR [--from T] [--to T] [--user U]</c>: the audit log (who read or changed what, when,
/// why, how many rows), then whether it is as appended. Reading it is itself recorded, by the operating-system user.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var from = new Option<string?>("--from") { Description = "First instant included: ISO-8601 with Z/offset, or school-local date or date-time" };
        var to = new Option<string?>("--to") { Description = "Instant excluded onwards (same forms as --from)" };
        var user = new Option<string?>("--user") { Description = "Only the records of this actor (an account, or os:NAME)" };
        var zone = new Option<string>("--zone") { Description = "Time zone of local --from/--to values", DefaultValueFactory = _ => "Europe/London" };
        var command = new Command("audit", "Print the audit log: sequence, time, actor, action, outcome, rows, school, purpose, filters; then check it is untouched")
        {
            store, from, to, user, zone,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var tz = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parse.GetValue(zone)!)
                ?? throw new UsageException($"--zone '{parse.GetValue(zone)}' is not a tz database zone id (e.g. Europe/London)");
            var query = new AuditQuery(
                parse.GetValue(from) is { } f ? TimeArgument.Parse("--from", f, tz) : null,
                parse.GetValue(to) is { } t ? TimeArgument.Parse("--to", t, tz) : null,
                parse.GetValue(user));
            using var opened = DuckDbStore.Open(CommonOptions.ExistingStore(parse, store));
            var records = await opened.Audit.ReadAsync(query, cancel);
            var changed = await opened.Audit.VerifyAsync(cancel);
            await opened.Audit.AppendAsync(new AuditRecord
            {
                At = SystemClock.Instance.GetCurrentInstant(),
                Actor = "os:" + Environment.UserName,
                Action = "audit.read",
                Query = JsonSerializer.Serialize(new SortedDictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["from"] = parse.GetValue(from), ["to"] = parse.GetValue(to), ["user"] = parse.GetValue(user),
                }.Where(p => p.Value is not null).ToDictionary()),
                Rows = records.Count,
            }, cancel);
            Console.Out.WriteLine("sequence\tat\tactor\taction\toutcome\trows\tschool\tpurpose\tfilters");
            foreach (var (sequence, r) in records)
                Console.Out.WriteLine($"{sequence}\t{EcsJsonWriter.FormatInstant(r.At)}\t{r.Actor}\t{r.Action}\t{r.Outcome}\t{r.Rows?.ToString() ?? "-"}\t{r.School ?? "-"}\t{r.Purpose ?? "-"}\t{r.Query ?? "-"}");
            if (changed is { } first)
            {
                Console.Error.WriteLine($"netwatch: the audit log was changed outside NetWatch: record {first} is not as appended");
                return CliRunner.RuntimeFailure;
            }
            Console.Error.WriteLine($"{records.Count} records; the log is as appended");
            return CliRunner.Success;
        });
        return command;
    }
}
