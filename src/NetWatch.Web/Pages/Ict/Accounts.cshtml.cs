using Microsoft.AspNetCore.Authorization;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Ict;

/// <summary>The accounts and their roles (of the administrator's school when scoped), audited as accounts.list.</summary>
[Authorize(Policy = AccessMatrix.Accounts)]
public sealed class AccountsModel(OperationsReads reads, WebOptions web, IClock clock) : WebPage
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public DateTimeZone Zone => web.Zone;
    public Instant Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Now = clock.GetCurrentInstant();
        Accounts = await reads.AccountsAsync(Me, cancel);
    }
}
