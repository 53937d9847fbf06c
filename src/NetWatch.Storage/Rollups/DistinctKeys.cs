using System.Numerics;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// About how many distinct keys a roll-up period has been given (a HyperLogLog sketch of their 32-bit hashes: 16 KB
/// whatever the count, within ~1% from a few tens of thousands of keys on, and about exact below a few thousand, where it
/// counts the registers still empty). <see cref="RollupWriter"/> asks it whether compacting a period would remove enough
/// rows to be worth rewriting it: the live service's feed of a busy hour can hold millions of keys, too many to keep.
/// Only a decision rests on it, never a stored number.
/// </summary>
internal sealed class DistinctKeys
{
    private const int Bits = 14;
    private const int Registers = 1 << Bits;
    private static readonly double Alpha = 0.7213 / (1 + 1.079 / Registers);

    private readonly byte[] _rank = new byte[Registers];

    public void Add(int hash)
    {
        var h = (uint)hash;
        var register = (int)(h >> (32 - Bits));
        // The rank: the position of the first 1 in the other 18 bits (19 when they are all 0).
        var rank = (byte)(BitOperations.LeadingZeroCount((h << Bits) | (1u << (Bits - 1))) + 1);
        if (rank > _rank[register]) _rank[register] = rank;
    }

    /// <summary>The estimated count of distinct hashes added.</summary>
    public double Count()
    {
        double sum = 0;
        var empty = 0;
        foreach (var r in _rank)
        {
            sum += 1.0 / (1L << r);
            if (r == 0) empty++;
        }
        var raw = Alpha * Registers * Registers / sum;
        // Few keys: linear counting of the empty registers is the better estimate (the sketch's usual correction).
        return raw <= 2.5 * Registers && empty > 0 ? Registers * Math.Log((double)Registers / empty) : raw;
    }
}
