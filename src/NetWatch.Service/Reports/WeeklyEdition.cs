namespace NetWatch.Service.Reports;

/// <summary>One e-mail of a week's send: whose figures (a school, or null for every school together) and to whom.</summary>
public sealed record WeeklyEdition(string? School, IReadOnlyList<string> To);

/// <summary>Which e-mails a week's send is made of: one (<see cref="OneEdition"/>) or one per school (<see cref="EachSchoolAddressees"/>).</summary>
public interface IWeeklyAddressees
{
    Task<IReadOnlyList<WeeklyEdition>> ForWeekAsync(WeeklySend send, CancellationToken cancel);
}

/// <summary>The configured school (or the trust) to the configured recipients: <c>school: ID</c> or <c>school: trust</c>.</summary>
public sealed class OneEdition(WeeklyReportSettings settings) : IWeeklyAddressees
{
    public Task<IReadOnlyList<WeeklyEdition>> ForWeekAsync(WeeklySend send, CancellationToken cancel) =>
        Task.FromResult<IReadOnlyList<WeeklyEdition>>([new WeeklyEdition(settings.School, settings.To)]);
}
