using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NetWatch.Api.Auth;

namespace NetWatch.Cli.Remote;

/// <summary>
/// The CLI's HTTP client of the service's API: a bearer token (an account's, or the service's local token with the
/// OS user's name), and the API's problem details turned into one clear message.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(string baseUrl, string token, string? osUser)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        _http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (osUser is not null) _http.DefaultRequestHeaders.Add(LocalAccess.OsUserHeader, osUser);
    }

    public string BaseUrl { get; }

    /// <summary>A route with its query string (each name and value escaped).</summary>
    public static string Route(string route, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return query.Length == 0 ? route : route + "?" + query;
    }

    /// <summary>The answer, its headers read and its body not yet (exports stream); null for a 404 when <paramref name="notFoundIsNull"/>.</summary>
    public async Task<HttpResponseMessage?> GetAsync(string route, CancellationToken cancel, bool notFoundIsNull = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(route.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteReadException($"no service answers at {BaseUrl} ({ex.Message})");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return null;
            var body = await response.Content.ReadAsStringAsync(cancel);
            string? detail = null;
            try { detail = JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null; }
            catch (JsonException) { }
            throw new RemoteReadException($"the service at {BaseUrl} refused {route.Split('?')[0]}: {(int)response.StatusCode} {response.ReasonPhrase}"
                + (detail is null ? "" : $" ({detail})"));
        }
    }

    public async Task<JsonDocument?> GetJsonAsync(string route, CancellationToken cancel, bool notFoundIsNull = false)
    {
        using var response = await GetAsync(route, cancel, notFoundIsNull);
        if (response is null) return null;
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancel);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The service could not be reached or refused a read: the message says which and why.</summary>
internal sealed class RemoteReadException(string message) : Exception(message);
