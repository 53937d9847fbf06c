using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace NetWatch.Api.Security;

/// <summary>A request the API refuses, with the status and a message fit for the caller (no internals).</summary>
public sealed class ApiProblemException(int status, string detail) : Exception(detail)
{
    public int Status => status;

    public static ApiProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);
    public static ApiProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);
}

/// <summary>
/// Turns every exception into RFC 9457 problem details: an <see cref="ApiProblemException"/> with its own status and
/// message, anything else as a bare 500 (the exception stays in the server, never in the answer).
/// </summary>
public sealed class ApiProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancel)
    {
        if (context.Response.HasStarted) return false;
        var (status, detail) = exception switch
        {
            ApiProblemException p => (p.Status, p.Message),
            BadHttpRequestException b => (b.StatusCode, "bad request"),
            _ => (StatusCodes.Status500InternalServerError, "the server could not answer this request"),
        };
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
            Exception = exception,
        });
    }
}
