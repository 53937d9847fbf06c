using NetWatch.Storage.Contracts.Aggregates;

namespace NetWatch.Web.Pages.Slt;

/// <summary>A table of one aggregate (key, requests, and optionally visit minutes) as the SLT pages show it.</summary>
public sealed record TopTable(string Id, string Caption, string KeyHeader, IReadOnlyList<AggregateRow> Rows, string Empty, bool Minutes = false)
{
    public Chart ToChart(string label) => new(Id + "-chart", "bar", [.. Rows.Select(r => r.Key ?? AggregateRow.NoValue)],
        [new ChartSeries(label, [.. Rows.Select(r => (double)r.Requests)])], Horizontal: true);
}

/// <summary>Personal use by department or role: working hours and breaks side by side.</summary>
public sealed record PersonalTable(string Id, string Caption, string KeyHeader, IReadOnlyList<(string Key, AggregateRow? Working, AggregateRow? Break)> Rows)
{
    /// <summary>Minutes are shown where the store has them (visits carry role and person, not department).</summary>
    public bool Minutes => Rows.Any(r => (r.Working?.VisitMinutes ?? 0) > 0 || (r.Break?.VisitMinutes ?? 0) > 0);

    public Chart ToChart() => new(Id + "-chart", "bar", [.. Rows.Select(r => r.Key)],
    [
        new ChartSeries("In working hours", [.. Rows.Select(r => (double)(r.Working?.Requests ?? 0))], Display.VerdictColour("personal-working-hours")),
        new ChartSeries("In breaks", [.. Rows.Select(r => (double)(r.Break?.Requests ?? 0))], Display.VerdictColour("personal-break")),
    ]);
}
