using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;

namespace NetWatch.Core.Tests.Identity;

/// <summary>The vector IPv4 parse answers as the character-at-a-time one does, on addresses and on near-misses.</summary>
public sealed class IPv4VectorProperties
{
    // Digits and dots mostly, so that many texts are addresses or nearly; now and then a character that narrows to a
    // digit or a dot in its low byte (U+0131, U+012E), a letter, a space or a sign.
    private static readonly Gen<char> Characters = Gen.Frequency(
        (12, Gen.Elements("0123456789".ToCharArray())),
        (4, Gen.Constant('.')),
        (1, Gen.Elements('\u0131', '\u012E', '\u0130', 'a', ' ', '-', ':', '/', '\0')));

    private static readonly Gen<string> Texts = Gen.Choose(0, 18).SelectMany(n => Characters.ArrayOf(n)).Select(c => new string(c));

    // An address of any layout (1 to 3 digits per octet, leading zeros included).
    private static readonly Gen<string> Addresses =
        Gen.Choose(0, 255).SelectMany(v => Gen.Choose(v.ToString().Length, 3).Select(width => v.ToString().PadLeft(width, '0')))
            .ArrayOf(4).Select(octets => string.Join('.', octets));

    [Property(MaxTest = 3000)]
    public Property Agrees_with_the_scalar_parse_on_any_text() => Prop.ForAll(Texts.ToArbitrary(), AgreesWithScalar);

    [Property(MaxTest = 1000)]
    public Property Parses_every_address_layout() => Prop.ForAll(Addresses.ToArbitrary(), text =>
        IPv4Vector.TryParse(text, out var vector) && vector == Expected(text) && AgreesWithScalar(text));

    [Property(MaxTest = 1000)]
    public Property Reads_only_its_own_slice_of_a_longer_text() => Prop.ForAll(Addresses.ToArbitrary(), Texts.ToArbitrary(), (address, tail) =>
    {
        var line = address + tail;
        return IPv4Vector.TryParse(line.AsSpan(0, address.Length), out var vector) && vector == Expected(address);
    });

    [Theory]
    [InlineData("255.255.255.255", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.1.1.1000", false)]
    [InlineData("1..1.1", false)]
    [InlineData(".1.1.1", false)]
    [InlineData("1.1.1.", false)]
    [InlineData("1.1.1.1.", false)]
    [InlineData("1\u012E1.1.1", false)]
    [InlineData("10.10.1.\u0131", false)]
    public void Edge_cases(string text, bool valid)
    {
        Assert.Equal(valid, IPv4Vector.TryParse(text, out _));
        Assert.True(AgreesWithScalar(text));
    }

    private static bool AgreesWithScalar(string text)
    {
        var vectorValid = IPv4Vector.TryParse(text, out var vector);
        var scalarValid = IpKey.TryParseIPv4Scalar(text, out var scalar);
        return vectorValid == scalarValid && (!vectorValid || vector == scalar);
    }

    private static uint Expected(string address) =>
        address.Split('.').Aggregate(0u, (value, octet) => (value << 8) | uint.Parse(octet));
}
