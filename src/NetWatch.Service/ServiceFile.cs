using System.Net;
using System.Text.Json;

namespace NetWatch.Service;

/// <summary>
/// <c>STORE/service.json</c>: where the service that holds the store serves its API, and the local token of the
/// store owner (<see cref="Api.Auth.LocalAccess"/>), so that the CLI reading the store finds the service. Written
/// (readable by the service's OS user only) once the API listens, removed when the service stops. A file left by a
/// killed service misleads nobody: the CLI uses it only while the store is locked, and checks that the URL answers.
/// </summary>
public sealed record ServiceFile(string Url, string Token, int Pid)
{
    public const string FileName = "service.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string PathIn(string store) => Path.Combine(store, FileName);

    /// <summary>The URL a local client uses for a listening address: the loopback address when it listens on every interface.</summary>
    public static string ClientUrl(Uri listening)
    {
        var host = IPAddress.TryParse(listening.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? (ip.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]")
            : listening.Host;
        return $"{listening.Scheme}://{host}:{listening.Port}";
    }

    public void Write(string store)
    {
        var path = PathIn(store);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, create);
        JsonSerializer.Serialize(stream, this, Json);
    }

    public static ServiceFile? Read(string store)
    {
        try { return JsonSerializer.Deserialize<ServiceFile>(File.ReadAllText(PathIn(store)), Json); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    /// <summary>Removes the file if it is still this service's (a later service may have written its own).</summary>
    public void Remove(string store)
    {
        if (Read(store) is { } current && current.Token == Token) File.Delete(PathIn(store));
    }
}
