using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Pipeline.Reference;

/// <summary>Reads a policy file from disk and hands its text to the pure <see cref="PolicyParser"/>.</summary>
public static class PolicyFileLoader
{
    public static PolicyParseResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PolicyParseResult(null, [new PolicyError(path, 0, 0, $"cannot read the policy file: {ex.Message}")]);
        }
        return PolicyParser.Parse(text, path);
    }
}
