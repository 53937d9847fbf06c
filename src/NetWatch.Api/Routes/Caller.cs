using Microsoft.AspNetCore.Http;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>Who is asking, and the stated purpose where their role must give one.</summary>
public static class Caller
{
    public static ApiUser Of(HttpContext context) =>
        ApiUser.From(context.User) ?? throw new ApiProblemException(StatusCodes.Status401Unauthorized, "sign in first");

    /// <summary>The request's <c>purpose</c>; required (400 without it) for roles that must state one.</summary>
    public static string? Purpose(ApiUser user, QueryReader query)
    {
        var purpose = query.String(QueryReader.PurposeParameter);
        if (purpose is null && AccessMatrix.NeedsPurpose(user.Role))
            throw ApiProblemException.BadRequest("state the purpose of this search: add purpose=... (it is kept in the audit log)");
        return purpose;
    }

    public static EventCursor? Cursor(QueryReader query) => query.String(QueryReader.CursorParameter) switch
    {
        null => null,
        var token when EventCursor.TryParse(token, out var cursor) => cursor,
        _ => throw ApiProblemException.BadRequest("'cursor' is not a cursor this API gave"),
    };
}
