using System.Reflection;

namespace NetWatch.Core.Urls;

/// <summary>Reads the reference data compiled into NetWatch.Core (no file access at run time).</summary>
internal static class EmbeddedText
{
    public static Stream Open(string logicalName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(logicalName)
        ?? throw new InvalidOperationException($"embedded resource {logicalName} is missing from NetWatch.Core");

    public static string Read(string logicalName)
    {
        using var reader = new StreamReader(Open(logicalName));
        return reader.ReadToEnd();
    }
}
