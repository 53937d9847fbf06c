using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Service.Reports;

/// <summary>Registers the weekly SLT e-mail on <c>netwatch run</c>'s host (nothing without <c>reports.weekly</c>).</summary>
public static class ReportsServices
{
    /// <param name="zone">The school's zone (the policy's; Europe/London without one): the day, the time and the week are its.</param>
    public static IServiceCollection AddNetWatchReports(this IServiceCollection services, ReportsSettings settings, DateTimeZone zone, TimeSpan? poll = null)
    {
        if (settings.Weekly is not { } weekly) return services;
        return services.AddHostedService(sp =>
        {
            var clock = sp.GetService<IClock>() ?? SystemClock.Instance;
            var reads = ActivatorUtilities.CreateInstance<PersonalDataReads>(sp);
            IWeeklyAddressees addressees = weekly.EachSchool
                ? new EachSchoolAddressees(reads, sp.GetRequiredService<IAccountStore>(), weekly)
                : new OneEdition(weekly);
            return new WeeklyReportJob(weekly, new WeeklySchedule(weekly.Day, weekly.Time, zone), addressees, new SltWeekSource(reads, weekly, zone),
                new ReportMailer(weekly.Smtp), sp.GetRequiredService<IAuditLog>(), clock, sp.GetRequiredService<ILogger<WeeklyReportJob>>(),
                poll ?? WeeklyReportJob.DefaultPoll);
        });
    }
}
