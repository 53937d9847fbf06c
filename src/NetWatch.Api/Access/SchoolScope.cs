using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Access;

/// <summary>
/// A school-scoped account sees its own school only: its searches are narrowed to it, and asking for another
/// school is refused (403) rather than silently answered with nothing.
/// </summary>
public static class SchoolScope
{
    /// <summary>The school a request concerns: the account's own, or the one it names (trust-wide accounts).</summary>
    public static string? Effective(ApiUser user, string? requested)
    {
        if (user.School is null) return requested;
        if (requested is not null && !string.Equals(requested, user.School, StringComparison.OrdinalIgnoreCase))
            throw ApiProblemException.Forbidden($"this account sees school '{user.School}' only");
        return user.School;
    }

    public static EventQuery Apply(ApiUser user, EventQuery query) => query with { School = Effective(user, query.School) };

    /// <summary>Whether a record of <paramref name="school"/> may be shown to <paramref name="user"/>.</summary>
    public static bool Covers(ApiUser user, string? school) =>
        user.School is null || string.Equals(user.School, school, StringComparison.OrdinalIgnoreCase);
}
