using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Privacy;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Routes;

/// <summary>
/// <c>GET /api/people/{person}/subject-access[?school]</c> (DSL, deputy DSL, auditor with a purpose): everything held
/// about one person as a zip (<see cref="SubjectAccessExport"/>). The zip is made first (in a temporary file that
/// deletes itself), then the request is recorded with the number of records, then the zip is sent.
/// </summary>
public static partial class SubjectAccessRoutes
{
    public const string Action = "subject-access";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/people/{person}/subject-access", ExportAsync).RequireAuthorization(AccessMatrix.SubjectAccess);

    private static async Task<IResult> ExportAsync(string person, HttpContext http, IEventSearch search, IAggregates aggregates,
        IAuditLog log, AuditTrail audit, Pseudonyms pseudonyms, IClock clock, [FromServices] IEnumerable<ISubjectRecords> others, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var school = SchoolScope.Effective(user, q.String("school"));
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();

        // The pseudonyms the SLT saw this person under, per school of theirs: a reveal is recorded by pseudonym.
        var schools = (await aggregates.AggregateAsync(
            [new AggregateQuery { Name = "schools", Filter = new EventQuery { Person = person, School = school }, By = AggregateDimension.School }], cancel))
            .Single().Rows.Select(r => r.Key is null or AggregateRow.NoValue ? null : r.Key).Append(school).Distinct();
        var request = new SubjectAccessRequest(person, school, user.Name) { Aliases = [.. schools.Select(s => pseudonyms.Of(s, person))] };

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var result = await new SubjectAccessExport(search, log, others, clock).WriteAsync(request, file, cancel);
            await audit.RecordReadAsync(user, Action, EventRoutes.Filters(q, purpose, school, ("person", person)), result.Total, cancel);
            file.Position = 0;
            return Results.Stream(file, "application/zip", $"subject-access-{FileNamePart(person)}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The person's name as a file name may hold it.</summary>
    public static string FileNamePart(string person) => UnsafeInFileName().Replace(person, "_");

    [GeneratedRegex("[^A-Za-z0-9._@-]")]
    private static partial Regex UnsafeInFileName();
}
