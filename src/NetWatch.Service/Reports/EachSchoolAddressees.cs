using MimeKit;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Web.Pages.Slt;
using NetWatch.Web.Reads;

namespace NetWatch.Service.Reports;

/// <summary>
/// <c>school: each</c>: one e-mail per school of the trust, with that school's figures only. The schools are those the
/// store holds events of (read as the SLT's school list is, an audited read by the job's actor), those named under
/// <c>schools:</c> and those with an SLT account: a school whose logs stopped arriving still gets its week, empty.
/// A school's recipients are its <c>schools:</c> entry, else its enabled SLT accounts whose names are e-mail addresses
/// (as accounts made by an OpenID Connect sign-in usually are); the <c>to</c> addresses get every school's e-mail.
/// </summary>
public sealed class EachSchoolAddressees(PersonalDataReads reads, IAccountStore accounts, WeeklyReportSettings settings) : IWeeklyAddressees
{
    public async Task<IReadOnlyList<WeeklyEdition>> ForWeekAsync(WeeklySend send, CancellationToken cancel)
    {
        var user = new ApiUser(WeeklyReportJob.Actor, AccountRole.Slt, null);
        var stored = (await SchoolChoice.ReadAsync(reads, user, null, cancel)).Schools;
        var slt = (await accounts.ListAsync(cancel)).Where(a => a.Role == AccountRole.Slt && a.School is not null && !a.Disabled).ToList();
        var schools = stored.Concat(settings.SchoolTo.Keys).Concat(slt.Select(a => a.School!))
            .Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal);
        return [.. schools.Select(school => new WeeklyEdition(school, [.. Recipients(school, slt).Concat(settings.To).Distinct(StringComparer.OrdinalIgnoreCase)]))];
    }

    private IEnumerable<string> Recipients(string school, IEnumerable<Account> slt) =>
        settings.SchoolTo.TryGetValue(school, out var to) ? to
            : slt.Where(a => a.School == school && IsAddress(a.Name)).Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal);

    private static bool IsAddress(string name) => name.Contains('@') && MailboxAddress.TryParse(name, out _);
}
