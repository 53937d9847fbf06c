using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;

namespace NetWatch.Web.Reads;

/// <summary>
/// What a page asked for, as its audit record keeps it: the filters filled in (by the API's parameter names, so the
/// web's records read like the API's) and the stated purpose. Roles that must state a purpose cannot read without one.
/// </summary>
public sealed record PageFilters(IReadOnlyDictionary<string, string> Values, string? Purpose)
{
    public static PageFilters None { get; } = new(new Dictionary<string, string>(), null);

    public string? PurposeFor(ApiUser user)
    {
        if (string.IsNullOrWhiteSpace(Purpose) && AccessMatrix.NeedsPurpose(user.Role))
            throw ApiProblemException.BadRequest("state the purpose of this search first (it is kept in the audit log)");
        return string.IsNullOrWhiteSpace(Purpose) ? null : Purpose.Trim();
    }

    public RequestFilters ToRequest(string? purpose, string? school) =>
        new(Values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), purpose, school);
}
