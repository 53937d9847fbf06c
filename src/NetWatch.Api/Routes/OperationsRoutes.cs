using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Core.Ecs;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// For the ICT administrator: the sources with their committed positions and totals, and the dead letters (whole
/// raw lines, which name people: audited). A school-scoped account sees the sources configured for its school.
/// </summary>
public static class OperationsRoutes
{
    public const int DefaultDeadLetterLimit = 1000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/sources", SourcesAsync).RequireAuthorization(AccessMatrix.Operations);
        api.MapGet("/dead-letters", DeadLettersAsync).RequireAuthorization(AccessMatrix.Operations);
    }

    /// <summary>Whether a school-scoped account sees <paramref name="source"/> (a source configured for its school).</summary>
    public static bool Covers(ApiUser user, ApiOptions options, string source) =>
        user.School is null || options.SourceSchools.TryGetValue(source, out var school) && SchoolScope.Covers(user, school);

    private static async Task<IResult> SourcesAsync(HttpContext http, ICheckpointReader checkpoints, ApiOptions options, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        new QueryReader(http.Request.Query).RejectUnknown();
        var all = await checkpoints.ReadAllAsync(cancel);
        var visible = all.Values.Where(c => Covers(user, options, c.Checkpoint.Source)).OrderBy(c => c.Checkpoint.Source, StringComparer.Ordinal).ToList();
        return JsonAnswer.Array("sources", visible, (w, c) =>
        {
            w.WriteString("source", c.Checkpoint.Source);
            w.WriteString("kind", c.Checkpoint.Kind);
            w.WriteString("position", c.Checkpoint.Position);
            w.WriteNumber("lines_read", c.Totals.LinesRead);
            w.WriteNumber("events_stored", c.Totals.EventsStored);
            w.WriteNumber("duplicates", c.Totals.Duplicates);
            w.WriteNumber("dead_letters", c.Totals.DeadLetters);
            w.WriteString("updated_at", EcsJsonWriter.FormatInstant(c.UpdatedAt));
        });
    }

    private static async Task<IResult> DeadLettersAsync(HttpContext http, IEventSearch search, AuditTrail audit, ApiOptions options, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var limit = q.Int("limit", 1, 100_000) ?? DefaultDeadLetterLimit;
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var letters = new List<DeadLetter>();
        await foreach (var d in search.DeadLettersAsync(cancel))
        {
            if (!Covers(user, options, d.Source)) continue;
            letters.Add(d);
            if (letters.Count == limit) break;
        }
        await audit.RecordReadAsync(user, "dead-letters", EventRoutes.Filters(q, purpose, user.School), letters.Count, cancel);
        return JsonAnswer.Array("dead_letters", letters, (w, d) =>
        {
            w.WriteString("source", d.Source);
            w.WriteNumber("line", d.LineNumber);
            w.WriteString("reason", d.Reason);
            if (d.Detail is not null) w.WriteString("detail", d.Detail);
            w.WriteString("raw", d.Raw);
            w.WriteString("received_at", EcsJsonWriter.FormatInstant(d.ReceivedAt));
        });
    }
}
