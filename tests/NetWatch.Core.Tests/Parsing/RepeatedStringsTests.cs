using FsCheck.Xunit;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The parsers' table of repeated values gives back the text as logged, whatever the table holds, and the
/// same instance for a value asked again while the table keeps it.</summary>
public class RepeatedStringsTests
{
    [Property(MaxTest = 300)]
    public bool Gives_back_the_text_whatever_the_table_holds(string[] values, byte size)
    {
        // A table of 2 to 16 slots: most values push others out.
        var table = new RepeatedStrings(2 << (size % 4));
        var texts = (values ?? []).Select(v => v ?? "").ToList();
        return texts.Concat(texts).All(v => table.Get(v.AsSpan()) == v);
    }

    [Fact]
    public void A_value_asked_again_is_the_same_instance()
    {
        var table = new RepeatedStrings();
        var first = table.Get("10.20.1.130".ToCharArray());
        for (var i = 0; i < 100; i++) table.Get($"staff.user{i}".ToCharArray());
        Assert.Same(first, table.Get("10.20.1.130".ToCharArray()));
    }

    [Fact]
    public void Two_values_of_the_same_slots_are_both_kept()
    {
        var table = new RepeatedStrings(2);
        var a = table.Get("a".ToCharArray());
        var b = table.Get("b".ToCharArray());
        Assert.Same(a, table.Get("a".ToCharArray()));
        Assert.Same(b, table.Get("b".ToCharArray()));
    }

    [Fact]
    public void Long_text_is_made_each_time()
    {
        var table = new RepeatedStrings();
        var text = new string('x', RepeatedStrings.MaxLength + 1);
        Assert.Equal(text, table.Get(text));
        Assert.NotSame(table.Get(text), table.Get(text));
    }

    [Theory]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("j.smith", "j.smith")]
    public void Dash_and_empty_are_null(string value, string? expected) => Assert.Equal(expected, new RepeatedStrings().OrNull(value));

    [Fact]
    public void Threads_sharing_a_small_table_each_get_their_own_text()
    {
        var table = new RepeatedStrings(4);
        var wrong = 0;
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var value = $"10.0.{t}.{i % 37}";
                if (table.Get(value) != value) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
