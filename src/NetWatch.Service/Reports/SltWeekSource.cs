using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Web.Pages;
using NetWatch.Web.Pages.Slt;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Service.Reports;

/// <summary>
/// The week's figures as the SLT dashboard shows them (<see cref="SltFigures"/>, read through the web app's
/// <see cref="PersonalDataReads"/>): read as a trust-wide SLT account named <see cref="WeeklyReportJob.Actor"/>, so people
/// are pseudonyms of the school asked for, and the read is one audit record (<c>aggregates</c>, view <c>slt.weekly-email</c>).
/// </summary>
public sealed class SltWeekSource(PersonalDataReads reads, WeeklyReportSettings settings, DateTimeZone zone) : IWeeklyReportSource
{
    public async Task<WeeklyReport> ReadAsync(WeeklySend send, string? school, CancellationToken cancel)
    {
        var user = new ApiUser(WeeklyReportJob.Actor, AccountRole.Slt, null);
        var from = Display.StartOf(send.WeekStart, zone);
        var to = Display.StartOf(send.WeekStart.PlusWeeks(1), zone);
        var filters = new PageFilters(new Dictionary<string, string> { ["view"] = "slt.weekly-email", ["week"] = Display.Iso(send.WeekStart) }, null);
        var figures = await SltFigures.ReadAsync(reads, user, school, from, to, from, zone, filters, cancel);
        return WeeklyReportComposer.Compose(figures, send, school, settings.Link, zone);
    }
}
