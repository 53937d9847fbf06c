using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Core.Ecs;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// Dashboards' counts: <c>GET /api/aggregates</c> with the event filters, <c>bucket</c> (hour, day, week),
/// <c>by</c> (a dimension) and <c>top</c>. The SLT sees people as pseudonyms and cannot filter by a person;
/// <c>POST /api/pseudonyms/reveal</c> names the person behind one, given a reason, and is recorded.
/// </summary>
public static class AggregateRoutes
{
    private static readonly Dictionary<string, AggregateDimension> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["role"] = AggregateDimension.Role,
        ["group"] = AggregateDimension.Group,
        ["category"] = AggregateDimension.Category,
        ["verdict"] = AggregateDimension.Verdict,
        ["domain"] = AggregateDimension.RegisteredDomain,
        ["person"] = AggregateDimension.Person,
        ["action"] = AggregateDimension.Action,
        ["theme"] = AggregateDimension.SafeguardingTheme,
        ["school"] = AggregateDimension.School,
        ["dataset"] = AggregateDimension.Dataset,
        ["person-role"] = AggregateDimension.PersonRole,
        ["kind"] = AggregateDimension.Kind,
    };

    /// <summary>The <c>by</c> parameter's value for a dimension (for clients of the API).</summary>
    public static string? ByName(AggregateDimension by) => Dimensions.FirstOrDefault(d => d.Value == by).Key;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/aggregates", AggregateAsync).RequireAuthorization(AccessMatrix.Aggregates);
        api.MapPost("/pseudonyms/reveal", RevealAsync).RequireAuthorization(AccessMatrix.Reveal).AddEndpointFilter<AntiforgeryCheck>();
    }

    private static async Task<IResult> AggregateAsync(HttpContext http, IAggregates aggregates, AuditTrail audit, Pseudonyms pseudonyms, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var filter = SchoolScope.Apply(user, EventFilters.Read(q));
        var bucket = q.OneOf("bucket", "none", "hour", "day", "week") is { } b ? Enum.Parse<TimeBucket>(b, ignoreCase: true) : TimeBucket.None;
        var by = q.OneOf("by", [.. Dimensions.Keys]) is { } d ? Dimensions[d] : AggregateDimension.None;
        var top = q.Int("top", 1, 10_000);
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var pseudonymise = AccessMatrix.Pseudonymised(user.Role);
        if (pseudonymise && (filter.Person is not null || filter.SourceIp is not null))
            throw ApiProblemException.Forbidden("this role sees people as pseudonyms: 'person' and 'ip' are not filters for it");
        if (pseudonymise && by == AggregateDimension.Person && filter.School is null)
            throw ApiProblemException.BadRequest("pseudonyms are per school: name the school (school=...)");
        var query = new AggregateQuery { Name = "aggregate", Filter = filter, Bucket = bucket, By = by, Top = top };
        var rows = (await aggregates.AggregateAsync([query], cancel)).Single().Rows;
        if (pseudonymise && by == AggregateDimension.Person)
            rows = pseudonyms.Apply(filter.School, rows);
        await audit.RecordReadAsync(user, "aggregates", EventRoutes.Filters(q, purpose, filter.School), rows.Count, cancel);
        return JsonAnswer.Array("rows", rows, (w, r) =>
        {
            if (r.BucketStart is { } start) w.WriteString("bucket_start", EcsJsonWriter.FormatInstant(start));
            if (r.BucketLabel is not null) w.WriteString("bucket", r.BucketLabel);
            if (r.Key is not null) w.WriteString("key", r.Key);
            w.WriteNumber("requests", r.Requests);
            w.WriteNumber("bytes", r.Bytes);
            w.WriteNumber("visit_minutes", r.VisitMinutes);
            if (r.First is { } first) w.WriteString("first", EcsJsonWriter.FormatInstant(first));
            if (r.Last is { } last) w.WriteString("last", EcsJsonWriter.FormatInstant(last));
        });
    }

    public sealed record RevealRequest(string? Pseudonym, string? Reason, string? School);

    /// <summary>The minimum length of a reveal's reason: a word or two is not a reason.</summary>
    public const int MinimumReason = 10;

    private static async Task<IResult> RevealAsync(RevealRequest request, HttpContext http, IAggregates aggregates, AuditTrail audit,
        Pseudonyms pseudonyms, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length < MinimumReason)
            throw ApiProblemException.BadRequest($"revealing a person needs a reason of at least {MinimumReason} characters (it is kept in the audit log)");
        if (string.IsNullOrWhiteSpace(request.Pseudonym)) throw ApiProblemException.BadRequest("'pseudonym' is required");
        var school = SchoolScope.Effective(user, request.School)
            ?? throw ApiProblemException.BadRequest("pseudonyms are per school: name the school");
        var person = await pseudonyms.FindAsync(aggregates, school, request.Pseudonym, cancel);
        var filters = new Dictionary<string, string> { ["pseudonym"] = request.Pseudonym };
        await audit.RecordReadAsync(user, "pseudonyms.reveal", new RequestFilters(filters, reason, school), person is null ? 0 : 1, cancel);
        if (person is null) throw ApiProblemException.NotFound("no person of this school has this pseudonym");
        return new JsonAnswer(w =>
        {
            w.WriteStartObject();
            w.WriteString("pseudonym", request.Pseudonym);
            w.WriteString("school", school);
            w.WriteString("person", person);
            w.WriteEndObject();
        });
    }
}
