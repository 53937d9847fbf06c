using System.Security.Cryptography;
using System.Text;

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
}
