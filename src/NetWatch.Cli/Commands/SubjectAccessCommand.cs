using System.CommandLine;
using System.Text.Json;
using NetWatch.Api.Privacy;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch subject-access PERSON (--store DIR | --config FILE) --out FILE [--school ID]</c>: everything held about
/// one person, as the API's subject-access route gives it (a zip of NDJSON and summary.md). The export is recorded in
/// the audit log by the operating-system user before the file takes its name.
/// </summary>
internal static class SubjectAccessCommand
{
    public static Command Create()
    {
        var person = new Argument<string>("PERSON") { Description = "The person (user.name) whose data is exported" };
        var stores = new ConfiguredStore();
        var output = new Option<string>("--out") { Description = "The zip file to write", Required = true };
        var school = new Option<string?>("--school") { Description = "Only this school's records (organization.id); visits, kept trust-wide, are then left out" };
        var command = new Command("subject-access", "Export everything held about one person (events, findings, visits, who looked at them) as a zip of NDJSON with a readable summary")
        {
            person, output, school,
        };
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var config = stores.ReadConfig(parse);
            var who = parse.GetValue(person)!;
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (!Directory.Exists(Path.GetDirectoryName(path))) throw new UsageException($"--out '{path}': its directory does not exist");
            using var store = stores.Open(parse, config);
            var actor = "os:" + Environment.UserName;
            var request = new SubjectAccessRequest(who, parse.GetValue(school), actor);
            var partial = path + ".partial";
            SubjectAccessResult result;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
                result = await new SubjectAccessExport(store.Search, store.Audit, [new AlertSubjectRecords(store.Alerts)], SystemClock.Instance).WriteAsync(request, file, cancel);
            try
            {
                await store.Audit.AppendAsync(new AuditRecord
                {
                    At = SystemClock.Instance.GetCurrentInstant(),
                    Actor = actor,
                    Action = "subject-access",
                    Query = JsonSerializer.Serialize(new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["person"] = who, ["school"] = request.School }
                        .Where(p => p.Value is not null).ToDictionary()),
                    School = request.School,
                    Rows = result.Total,
                }, cancel);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            File.Move(partial, path, overwrite: true);
            foreach (var part in result.Parts)
                Console.Out.WriteLine(part.Note is null ? $"{part.Kind}\t{part.Records}" : $"{part.Kind}\t-\t{part.Note}");
            Console.Error.WriteLine($"{result.Total} records about {who} written to {path}");
            return CliRunner.Success;
        });
        return command;
    }
}
