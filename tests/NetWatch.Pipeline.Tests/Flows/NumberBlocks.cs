using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>Line blocks whose lines are their own line numbers (for <see cref="NumberLineParser"/>).</summary>
internal static class NumberBlocks
{
    public static LineBlock Of(string source, long first, int count)
    {
        var text = string.Concat(Enumerable.Range(0, count).Select(i => (first + i).ToString()));
        var starts = new int[count];
        var lengths = new int[count];
        for (int i = 0, at = 0; i < count; i++)
        {
            lengths[i] = (first + i).ToString().Length;
            starts[i] = at;
            at += lengths[i];
        }
        return new LineBlock(source, first, text.ToCharArray(), starts, lengths, count);
    }
}
