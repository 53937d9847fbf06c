using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace NetWatch.Pipeline.Sources;

/// <summary>
/// A gzip file's decompressed bytes that, at their end, tell whether the compressed stream was whole. .NET's
/// <see cref="GZipStream"/> reads a cut file to where it stops and reports a normal end (dotnet/runtime#47563), so a
/// copy cut short by a full disk or an interrupted transfer would import silently. Whole means the file ends with
/// its last member's gzip trailer: the CRC-32 and length (mod 2^32) of what that member decompressed to. A cut
/// file ends inside compressed data, whose last 8 bytes match by chance with odds of 1 in 2^64.
/// </summary>
public sealed class GzipFileStream(Stream compressed, string path) : ReadOnlyStream
{
    /// <summary>How far back a file of several concatenated members is searched for its last member's header.</summary>
    private const int MaxMemberCandidates = 64;

    private readonly GZipStream _gzip = new(compressed, CompressionMode.Decompress);
    private readonly Crc32 _crc = new();
    private long _length;

    /// <summary>Null until the end is read; then whether the compressed stream ended before its trailer.</summary>
    public bool? EndedEarly { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _length += n;
        }
        else if (buffer.Length > 0 && EndedEarly is null)
        {
            EndedEarly = !IsWhole(path, _crc.GetCurrentHashAsUInt32(), _length);
        }
        return n;
    }

    private static bool IsWhole(string path, uint crc, long length)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 18) return false;
        var trailer = bytes.AsSpan(bytes.Length - 8);
        var (wantCrc, wantLength) = (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
        if (wantCrc == crc && wantLength == (uint)length) return true;
        // Several members (gzip a >> b.gz): the trailer is the last member's alone. Try the last few places a member
        // header could start, from the end, decompressing from there to the end.
        var tried = 0;
        for (var p = bytes.Length - 18; p > 0 && tried < MaxMemberCandidates; p--)
        {
            if (bytes[p] != 0x1f || bytes[p + 1] != 0x8b || bytes[p + 2] != 8 || (bytes[p + 3] & 0xE0) != 0) continue;
            tried++;
            if (MemberMatches(bytes.AsMemory(p), wantCrc, wantLength)) return true;
        }
        return false;
    }

    private static bool MemberMatches(ReadOnlyMemory<byte> member, uint wantCrc, uint wantLength)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(member.ToArray(), writable: false), CompressionMode.Decompress);
            var crc = new Crc32();
            var buffer = new byte[1 << 16];
            long length = 0;
            int n;
            while ((n = gzip.Read(buffer)) > 0)
            {
                crc.Append(buffer.AsSpan(0, n));
                length += n;
            }
            return crc.GetCurrentHashAsUInt32() == wantCrc && (uint)length == wantLength;
        }
        catch (InvalidDataException)
        {
            return false; // not a member header after all
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
