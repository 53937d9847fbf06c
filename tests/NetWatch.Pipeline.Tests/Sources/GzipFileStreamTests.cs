using System.IO.Compression;
using System.Text;
using NetWatch.Pipeline.Sources;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources;

/// <summary>A gzip file cut anywhere is told from a whole one, also one of several members.</summary>
public sealed class GzipFileStreamTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static string Lines(int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"1795386287.{i % 1000:D3} {i} 10.20.{i % 250}.{i % 200} TCP_MISS/200 {i * 7} GET http://site{i % 97}.example/{i}\n"));

    private (bool? EndedEarly, string Text) Read(byte[] bytes)
    {
        var path = _dir.File(Guid.NewGuid().ToString("n") + ".gz");
        File.WriteAllBytes(path, bytes);
        using var reader = LogFile.OpenText(path, null, out var gzip);
        var text = reader.ReadToEnd();
        return (gzip!.EndedEarly, text);
    }

    [Fact]
    public void A_whole_file_and_one_of_several_members_end_whole()
    {
        var one = Gzip(Lines(0, 5000));
        Assert.Equal((false, Lines(0, 5000)), Read(one));
        var several = one.Concat(Gzip(Lines(5000, 3000))).Concat(Gzip(Lines(8000, 10))).ToArray();
        Assert.Equal((false, Lines(0, 8010)), Read(several));
    }

    [Fact]
    public void A_file_cut_anywhere_ends_early()
    {
        var one = Gzip(Lines(0, 5000));
        var several = one.Concat(Gzip(Lines(5000, 3000))).ToArray();
        foreach (var bytes in new[] { one, several })
            foreach (var cut in new[] { 11, 20, bytes.Length / 3, bytes.Length / 2, one.Length - 1, one.Length + 15, bytes.Length - 9, bytes.Length - 1 }.Where(c => c < bytes.Length))
            {
                var (endedEarly, _) = Read(bytes[..cut]);
                Assert.True(endedEarly == true, $"cut at {cut} of {bytes.Length}");
            }
    }

    public void Dispose() => _dir.Dispose();
}
