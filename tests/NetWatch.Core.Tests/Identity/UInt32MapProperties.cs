using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;

namespace NetWatch.Core.Tests.Identity;

/// <summary>The open-addressing address table answers as a Dictionary does, for keys present and absent.</summary>
public sealed class UInt32MapProperties
{
    // Clustered keys (one subnet, as schools' addresses are) and arbitrary ones, including 0.
    private static readonly Gen<uint> KeyGen = Gen.OneOf(Gen.Choose(0, 600).Select(n => 0x0A0A0000u + (uint)n), ArbMap.Default.GeneratorFor<uint>());

    [Property(MaxTest = 300)]
    public Property Finds_what_a_dictionary_finds() => Prop.ForAll(Gen.ArrayOf(KeyGen).ToArbitrary(), Gen.ArrayOf(KeyGen).ToArbitrary(), (stored, asked) =>
    {
        var reference = stored.Distinct().Select((k, i) => KeyValuePair.Create(k, i)).ToDictionary();
        var map = new UInt32Map<int>(reference.ToList());
        return map.Count == reference.Count && stored.Concat(asked).All(k =>
            map.TryGetValue(k, out var v) == reference.TryGetValue(k, out var expected) && v == expected);
    });

    [Fact]
    public void A_duplicate_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new UInt32Map<int>([KeyValuePair.Create(5u, 1), KeyValuePair.Create(5u, 2)]));
    }
}
