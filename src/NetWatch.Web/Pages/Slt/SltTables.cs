using NetWatch.Storage.Contracts.Aggregates;

namespace NetWatch.Web.Pages.Slt;

/// <summary>A table of one aggregate (key, requests, and optionally visit minutes) as the SLT pages show it.</summary>
/// <param name="By">What the rows are grouped by: names the row of events without a value ("Not categorised").</param>
public sealed record TopTable(string Id, string Caption, string KeyHeader, AggregateDimension By, IReadOnlyList<AggregateRow> Rows, string Empty, bool Minutes = false,
    string CountHeader = "Page views")
{
    public string Label(AggregateRow row) => GroupName.Of(row.Key, By);

    public Chart ToChart(string label) => new(Id + "-chart", "bar", [.. Rows.Select(Label)],
        [new ChartSeries(label, [.. Rows.Select(r => (double)r.Requests)])], Horizontal: true);
}

/// <summary>Personal use by department or role: working hours and breaks side by side.</summary>
/// <param name="By">Department (<see cref="AggregateDimension.Group"/>) or role: names the row of people without one.</param>
public sealed record PersonalTable(string Id, string Caption, string KeyHeader, AggregateDimension By, IReadOnlyList<(string Key, AggregateRow? Working, AggregateRow? Break)> Rows)
{
    /// <summary>Minutes are shown where the store has them (visits carry role and person, not department).</summary>
    public bool Minutes => Rows.Any(r => (r.Working?.VisitMinutes ?? 0) > 0 || (r.Break?.VisitMinutes ?? 0) > 0);

    public string Label(string key) => GroupName.Of(key, By);

    public Chart ToChart() => new(Id + "-chart", "bar", [.. Rows.Select(r => Label(r.Key))],
    [
        new ChartSeries("In working hours", [.. Rows.Select(r => (double)(r.Working?.Requests ?? 0))], Display.VerdictColour("personal-working-hours")),
        new ChartSeries("In breaks", [.. Rows.Select(r => (double)(r.Break?.Requests ?? 0))], Display.VerdictColour("personal-break")),
    ]);
}
