using System.IO.Hashing;
using System.Text;

namespace NetWatch.Semantic;

/// <summary>
/// Embeddings of labelled examples, computed ahead and shipped (example-embeddings.bin) so the service does not
/// spend the start embedding the set: "NWEMB1", count, dimensions, then per example the XxHash64 of its text and
/// its vector as 16-bit floats (about 0.8 KB each). Examples without one (new, or a DSL's feedback) are embedded at start.
/// </summary>
public static class ExampleEmbeddings
{
    private static readonly byte[] Magic = "NWEMB1"u8.ToArray();

    public static ulong Key(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));

    public static Dictionary<ulong, float[]> Read(Stream stream)
    {
        using var r = new BinaryReader(stream);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not an example-embeddings file");
        var count = r.ReadInt32();
        var dims = r.ReadInt32();
        var result = new Dictionary<ulong, float[]>(count);
        for (var i = 0; i < count; i++)
        {
            var key = r.ReadUInt64();
            var v = new float[dims];
            for (var d = 0; d < dims; d++) v[d] = (float)BitConverter.UInt16BitsToHalf(r.ReadUInt16());
            result[key] = v;
        }
        return result;
    }

    public static void Write(Stream stream, IReadOnlyList<(string Text, float[] Vector)> items)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(items.Count);
        w.Write(items.Count == 0 ? MiniLmEncoder.Dimensions : items[0].Vector.Length);
        foreach (var (text, vector) in items)
        {
            w.Write(Key(text));
            foreach (var x in vector) w.Write(BitConverter.HalfToUInt16Bits((Half)x));
        }
    }
}
