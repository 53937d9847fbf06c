using System.Net;
using System.Text;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Web.Pages;
using NetWatch.Web.Pages.Slt;
using NodaTime;

namespace NetWatch.Service.Reports;

/// <summary>
/// The weekly e-mail's text: the SLT dashboard's figures for the week (totals; personal use in working hours and in
/// breaks by department and by role; top categories and sites; blocked attempts; prohibited-category breaches by
/// pseudonym) as plain text and as simple HTML (tables, no script, no images, no remote content), and a link to the
/// dashboard. Names no person: the figures come pseudonymised.
/// </summary>
public static class WeeklyReportComposer
{
    /// <param name="forSchool">Whose figures they are; null: every school together.</param>
    /// <param name="webLink">The web app's address, for the dashboard link; null: no link.</param>
    public static WeeklyReport Compose(SltFigures f, WeeklySend send, string? forSchool, string? webLink, DateTimeZone zone)
    {
        var school = forSchool ?? "all schools";
        var title = $"NetWatch weekly summary: week of {Display.Day(send.WeekStart)} ({school})";
        var sections = new List<Section>
        {
            new("The week", ["Total", "Page views"],
            [
                ["Page views", Display.Count(f.PageViews)],
                ["Personal use in working hours", Display.Count(f.Personal(SltFigures.PersonalWorking))],
                ["Personal use in breaks", Display.Count(f.Personal(SltFigures.PersonalBreak))],
                ["Blocked attempts", Display.Count(f.Blocked)],
                ["Prohibited-category breaches", Display.Count(f.ProhibitedViews)],
                ["Safeguarding matches (the DSL has the detail)", Display.Count(f.SafeguardingViews)],
            ]),
            Personal("Personal use by department", "Department", AggregateDimension.Group, f.PersonalBy("group")),
            Personal("Personal use by role", "Role", AggregateDimension.Role, f.PersonalBy("role")),
            Top("Top categories", "Category", AggregateDimension.Category, f.Categorised),
            Top("Top sites", "Site", AggregateDimension.RegisteredDomain, f["domains"]),
            Top("Blocked attempts by category", "Category", AggregateDimension.Category, f["blocked"], "Requests"),
        };
        if (forSchool is not null)
            sections.Add(new Section("Prohibited-category breaches by person (pseudonymised)", ["Person", "Page views"],
                [.. f["prohibited"].Select(r => new[] { GroupName.Of(r.Key, AggregateDimension.Person), Display.Count(r.Requests) })]));
        var intro = $"Page views from {Display.Day(send.WeekStart)} to {Display.Day(send.WeekEnd)}, {zone.Id} time, {school}. " +
            (forSchool is null ? "People are not listed: pseudonyms are per school." : "People are shown as pseudonyms; a name can be revealed on the dashboard, with a reason that is recorded.");
        var link = webLink is null ? null
            : $"{webLink.TrimEnd('/')}/slt?week={Display.Iso(send.WeekStart)}{(forSchool is null ? "" : "&school=" + Uri.EscapeDataString(forSchool))}";
        var rows = sections.Sum(s => (long)s.Rows.Count);
        return new WeeklyReport(title, Text(title, intro, sections, link, f.PageViews), Html(title, intro, sections, link, f.PageViews), rows);
    }

    private sealed record Section(string Title, string[] Headers, IReadOnlyList<string[]> Rows);

    // A group without a value is named as the pages name it (GroupName: "No department", "Not categorised").
    private static Section Personal(string title, string key, AggregateDimension by, IReadOnlyList<(string Key, AggregateRow? Working, AggregateRow? Break)> rows) =>
        new(title, [key, "Working hours", "Breaks"],
            [.. rows.Select(r => new[] { GroupName.Of(r.Key, by), Display.Count(r.Working?.Requests ?? 0), Display.Count(r.Break?.Requests ?? 0) })]);

    private static Section Top(string title, string key, AggregateDimension by, IReadOnlyList<AggregateRow> rows, string count = "Page views") =>
        new(title, [key, count], [.. rows.Select(r => new[] { GroupName.Of(r.Key, by), Display.Count(r.Requests) })]);

    private const string Empty = "No page views were stored for this week.";

    private static string Text(string title, string intro, IReadOnlyList<Section> sections, string? link, long pageViews)
    {
        var text = new StringBuilder().AppendLine(title).AppendLine().AppendLine(intro).AppendLine();
        if (pageViews == 0) text.AppendLine(Empty).AppendLine();
        else
            foreach (var s in sections)
            {
                text.AppendLine(s.Title);
                if (s.Rows.Count == 0) text.AppendLine("  none");
                var width = s.Rows.Select(r => r[0].Length).Append(s.Headers[0].Length).Max();
                if (s.Rows.Count > 0)
                    text.AppendLine("  " + s.Headers[0].PadRight(width) + string.Concat(s.Headers.Skip(1).Select(h => "  " + h.PadLeft(13))));
                foreach (var r in s.Rows) text.AppendLine("  " + r[0].PadRight(width) + string.Concat(r.Skip(1).Select(v => "  " + v.PadLeft(13))));
                text.AppendLine();
            }
        if (link is not null) text.AppendLine("The dashboard: " + link);
        return text.ToString();
    }

    private static string Html(string title, string intro, IReadOnlyList<Section> sections, string? link, long pageViews)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head><body>");
        html.Append("<h1>").Append(E(title)).Append("</h1><p>").Append(E(intro)).Append("</p>");
        if (pageViews == 0) html.Append("<p>").Append(E(Empty)).Append("</p>");
        else
            foreach (var s in sections)
            {
                html.Append("<h2>").Append(E(s.Title)).Append("</h2>");
                if (s.Rows.Count == 0) { html.Append("<p>None.</p>"); continue; }
                html.Append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><thead><tr>");
                foreach (var h in s.Headers) html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
                html.Append("</tr></thead><tbody>");
                foreach (var r in s.Rows)
                {
                    html.Append("<tr><th scope=\"row\" align=\"left\">").Append(E(r[0])).Append("</th>");
                    foreach (var v in r.Skip(1)) html.Append("<td align=\"right\">").Append(E(v)).Append("</td>");
                    html.Append("</tr>");
                }
                html.Append("</tbody></table>");
            }
        if (link is not null) html.Append("<p><a href=\"").Append(E(link)).Append("\">Open the dashboard</a></p>");
        return html.Append("</body></html>").ToString();
    }
}
