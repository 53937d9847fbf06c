using System.IO.Compression;
using System.Text;
using NetWatch.Pipeline.Sources;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources;

public class LogFileTests
{
    [Fact]
    public void Gzip_files_read_as_their_text_and_count_compressed_bytes()
    {
        using var dir = new TempDirectory();
        var text = string.Join("\n", Enumerable.Range(1, 1000).Select(i => $"line {i} café")) + "\n";
        var path = dir.File("access.log.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(text));

        var counter = new ByteCounter();
        using (var reader = LogFile.OpenText(path, counter)) Assert.Equal(text, reader.ReadToEnd());

        Assert.Equal(new FileInfo(path).Length, counter.Bytes);
        Assert.Equal(["line 1 café", "line 2 café"], LogFile.FirstLines(path, 2));
    }
}
