using System.Security.Cryptography;
using System.Text;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Access;

/// <summary>
/// The SLT's pseudonyms: "p-" and 16 hex digits of HMAC-SHA256(secret, school, person). Stable per person and
/// school while the secret stays (configuration, never in the store), different between schools, and not
/// reversible without the secret: revealing one means computing the pseudonyms of the school's people and
/// finding the match (<see cref="Routes.AggregateRoutes"/>), which is recorded with its reason.
/// </summary>
public sealed class Pseudonyms(ApiOptions options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.PseudonymSecret);

    public string Of(string? school, string person)
    {
        // A unit separator keeps ("a", "bc") and ("ab", "c") apart.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes((school ?? "") + "\u001f" + person));
        return "p-" + Convert.ToHexStringLower(mac, 0, 8);
    }

    /// <summary>Rows grouped by person with each person's pseudonym for their key (the no-value group stays as it is).</summary>
    public IReadOnlyList<AggregateRow> Apply(string? school, IReadOnlyList<AggregateRow> rows) =>
        [.. rows.Select(r => r.Key is null or AggregateRow.NoValue ? r : r with { Key = Of(school, r.Key) })];

    /// <summary>
    /// The person of <paramref name="school"/> behind <paramref name="pseudonym"/>, or null: the school's people's
    /// pseudonyms are computed and matched (the caller checks the reason and records the reveal).
    /// </summary>
    public async Task<string?> FindAsync(IAggregates aggregates, string school, string pseudonym, CancellationToken cancel)
    {
        var people = await aggregates.AggregateAsync(
            [new AggregateQuery { Name = "people", Filter = new EventQuery { School = school }, By = AggregateDimension.Person }], cancel);
        return people.Single().Rows.Select(r => r.Key).FirstOrDefault(k => k is not null and not AggregateRow.NoValue && Of(school, k) == pseudonym);
    }
}
