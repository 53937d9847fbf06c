using System.Text.Json;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Api.Audit;

/// <summary>
/// Writes the API's audit records. A route that returns personal data calls <see cref="RecordReadAsync"/> once,
/// after it knows how many rows it will return and before it writes the first byte of its answer: if the record
/// cannot be written, the request fails and nothing is disclosed.
/// </summary>
public sealed class AuditTrail(IAuditLog log, IClock clock)
{
    public Task RecordReadAsync(ApiUser user, string action, RequestFilters filters, long rows, CancellationToken cancel) =>
        log.AppendAsync(new AuditRecord
        {
            At = clock.GetCurrentInstant(),
            Actor = user.Name,
            Action = action,
            Purpose = filters.Purpose,
            Query = filters.ToJson(),
            School = filters.School ?? user.School,
            Rows = rows,
        }, cancel);

    /// <summary>
    /// A sign-in through the OpenID Connect provider: <paramref name="actor"/> is the person's account name (or the name
    /// it would have had), the query says the method, the provider's issuer and, when denied, why.
    /// </summary>
    public Task RecordExternalSignInAsync(string actor, string issuer, string? refusal, string? school, CancellationToken cancel) =>
        log.AppendAsync(new AuditRecord
        {
            At = clock.GetCurrentInstant(),
            Actor = actor,
            Action = "session.sign-in",
            Query = JsonSerializer.Serialize(refusal is null
                ? new SortedDictionary<string, string> { ["method"] = "oidc", ["issuer"] = issuer }
                : new SortedDictionary<string, string> { ["method"] = "oidc", ["issuer"] = issuer, ["reason"] = refusal }),
            School = school,
            Outcome = refusal is null ? "ok" : "denied",
        }, cancel);

    public Task RecordSignInAsync(string? account, bool ok, string? school, CancellationToken cancel) =>
        log.AppendAsync(new AuditRecord
        {
            At = clock.GetCurrentInstant(),
            Actor = account ?? "(unknown)",
            Action = "session.sign-in",
            School = school,
            Outcome = ok ? "ok" : "denied",
        }, cancel);
}

/// <summary>
/// What a request asked for, as it goes into the audit record: its filters (query parameters, the purpose and the
/// paging cursor left out), the stated purpose and the school it concerned.
/// </summary>
public sealed record RequestFilters(IReadOnlyDictionary<string, string> Values, string? Purpose, string? School)
{
    public string ToJson() => JsonSerializer.Serialize(new SortedDictionary<string, string>(Values.ToDictionary(), StringComparer.Ordinal));
}
