using Microsoft.AspNetCore.Authorization;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Ict;

/// <summary>
/// The ICT administrator's health page: each source's totals and when its last batch was committed, dead letters
/// by reason per source (with sample lines), the settings in force and the retention job's last runs. Nobody's browsing.
/// </summary>
[Authorize(Policy = AccessMatrix.Operations)]
public sealed class IndexModel(OperationsReads reads, WebOptions web, IClock clock) : WebPage
{
    public IReadOnlyList<StoredCheckpoint> Sources { get; private set; } = [];
    public IReadOnlyList<OperationsReads.DeadLetterGroup> DeadLetters { get; private set; } = [];
    public IReadOnlyList<StoredAuditRecord> RetentionRuns { get; private set; } = [];
    public IReadOnlyList<NetWatch.Core.Diagnostics.MemoryReading> Memory { get; private set; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Settings => web.Settings;
    public DateTimeZone Zone => web.Zone;
    public Instant Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Now = clock.GetCurrentInstant();
        Sources = await reads.SourcesAsync(Me, cancel);
        DeadLetters = await reads.DeadLettersAsync(Me, cancel);
        RetentionRuns = await reads.RetentionRunsAsync(Me, 10, cancel);
        Memory = web.Memory();
    }

    /// <summary>What each part of the memory is, in the technician's words.</summary>
    public static string MemoryPartName(string part) => part switch
    {
        "resident" => "The whole process (resident memory)",
        "store" => "The store's cache (DuckDB)",
        "managed_heap" => "The managed heap (.NET)",
        "open_visits" => "Open visits (within the managed heap)",
        _ => part,
    };

    /// <summary>"3 min ago", "2 h ago", "4 days ago": how long since a source's last committed batch.</summary>
    public string Ago(Instant at)
    {
        var d = Now - at;
        return d.TotalMinutes < 1 ? "just now" : d.TotalHours < 1 ? $"{(int)d.TotalMinutes} min ago" : d.TotalDays < 2 ? $"{(int)d.TotalHours} h ago" : $"{(int)d.TotalDays} days ago";
    }
}
