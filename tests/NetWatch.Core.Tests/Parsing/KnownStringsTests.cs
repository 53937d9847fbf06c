using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Tests.Parsing;

public class KnownStringsTests
{
    [Fact]
    public void Every_known_value_is_shared_not_allocated()
    {
        foreach (var value in KnownStrings.Values)
        {
            var a = KnownStrings.Get(value.ToCharArray());
            var b = KnownStrings.Get(value.ToCharArray());
            Assert.Equal(value, a);
            Assert.True(ReferenceEquals(a, b), $"'{value}' is not interned");
        }
    }

    [Theory]
    [InlineData("GETX")]
    [InlineData("TCP_MISSED")]
    [InlineData("text/htm")]
    [InlineData("x")]
    public void Unknown_values_come_back_equal(string value) => Assert.Equal(value, KnownStrings.Get(value.ToCharArray()));

    [Theory]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("GET", "GET")]
    public void Dash_and_empty_are_null(string value, string? expected) => Assert.Equal(expected, KnownStrings.OrNull(value));
}
