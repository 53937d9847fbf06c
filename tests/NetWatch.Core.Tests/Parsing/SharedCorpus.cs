using NetWatch.Tests.Shared;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The corpus logs (located by <see cref="SharedData"/>; fails loudly, never skips, when missing).</summary>
public static class SharedCorpus
{
    public static string PathOf(string file) => SharedData.Corpus(file);

    /// <summary>The file's lines, split on '\n' only (no line is dropped or trimmed; the final newline ends the last line).</summary>
    public static string[] Lines(string file)
    {
        var text = File.ReadAllText(PathOf(file));
        if (text.EndsWith('\n')) text = text[..^1];
        return text.Split('\n');
    }
}
