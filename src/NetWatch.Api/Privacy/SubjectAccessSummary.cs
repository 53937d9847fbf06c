using System.Text;
using NetWatch.Core.Ecs;
using NodaTime;

namespace NetWatch.Api.Privacy;

/// <summary>The export's readable part (<c>summary.md</c>): what is held, the sites, who looked, and what is not included.</summary>
public static class SubjectAccessSummary
{
    public static string ToMarkdown(SubjectAccessRequest request, SubjectAccessResult result, Instant at)
    {
        static string When(Instant? i) => i is { } v ? EcsJsonWriter.FormatInstant(v) : "-";
        var sb = new StringBuilder();
        sb.AppendLine($"# Data held about {MarkdownText.Escape(request.Person)}");
        sb.AppendLine();
        sb.AppendLine($"Produced {EcsJsonWriter.FormatInstant(at)} by {MarkdownText.Escape(request.RequestedBy)} for a subject access request "
            + $"(UK GDPR Article 15), {(request.School is null ? "across the whole trust" : "for school " + MarkdownText.Escape(request.School))}. "
            + "Each file of this archive holds one record a line, as JSON (NDJSON); times are UTC.");
        sb.AppendLine();
        sb.AppendLine("| what | records | first | last | file |");
        sb.AppendLine("|---|---:|---|---|---|");
        foreach (var p in result.Parts)
            sb.AppendLine(p.Note is null
                ? $"| {MarkdownText.Escape(p.Kind)} | {p.Records} | {When(p.First)} | {When(p.Last)} | {MarkdownText.Escape(p.File)} |"
                : $"| {MarkdownText.Escape(p.Kind)} | - | | | {MarkdownText.Escape(p.Note)} |");
        sb.AppendLine();
        sb.AppendLine("## Sites visited, by requests");
        sb.AppendLine();
        if (result.Sites.Count == 0) sb.AppendLine("None.");
        else
        {
            sb.AppendLine("| site | requests |");
            sb.AppendLine("|---|---:|");
            foreach (var (site, requests) in result.Sites) sb.AppendLine($"| {MarkdownText.Escape(site)} | {requests} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Who looked at this data");
        sb.AppendLine();
        if (result.Readers.Count == 0) sb.AppendLine("Nobody has searched for this person, their pseudonym or one of their events.");
        else
        {
            sb.AppendLine("| when | who | what | purpose | records |");
            sb.AppendLine("|---|---|---|---|---:|");
            foreach (var (_, r) in result.Readers)
                sb.AppendLine($"| {EcsJsonWriter.FormatInstant(r.At)} | {MarkdownText.Escape(r.Actor)} | {MarkdownText.Escape(r.Action)} | {MarkdownText.Escape(r.Purpose ?? "-")} | {r.Rows?.ToString() ?? "-"} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Not included");
        sb.AppendLine();
        sb.AppendLine("- Log lines that could not be read (dead letters) are attributed to nobody; they are kept only to be corrected and deleted after their retention period.");
        sb.AppendLine("- Searches by other criteria (a site, a time range, an address) that returned this person's records among others are in the audit log by their criteria; the log keeps the criteria and a count, not the records returned.");
        sb.AppendLine("- Records already deleted under the retention periods.");
        return sb.ToString();
    }
}
