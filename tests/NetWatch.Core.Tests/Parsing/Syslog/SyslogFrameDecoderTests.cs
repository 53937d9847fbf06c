using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Parsing.Syslog;

namespace NetWatch.Core.Tests.Parsing.Syslog;

public sealed class SyslogFrameDecoderTests
{
    private static List<string> Decode(byte[] bytes, IEnumerable<int> chunkSizes)
    {
        var decoder = new SyslogFrameDecoder();
        var frames = new List<string>();
        var at = 0;
        foreach (var size in chunkSizes)
        {
            if (at >= bytes.Length) break;
            var n = Math.Min(size, bytes.Length - at);
            frames.AddRange(decoder.Feed(bytes.AsSpan(at, n)));
            at += n;
        }
        if (at < bytes.Length) frames.AddRange(decoder.Feed(bytes.AsSpan(at)));
        if (decoder.Flush() is { } last) frames.Add(last);
        return frames;
    }

    private static byte[] OctetCounted(IEnumerable<string> messages) =>
        messages.SelectMany(m => { var b = Encoding.UTF8.GetBytes(m); return Encoding.ASCII.GetBytes($"{b.Length} ").Concat(b); }).ToArray();

    [Fact]
    public void Octet_counted_frames_may_hold_newlines()
    {
        var frames = Decode(OctetCounted(["<13>1 - - - - - - a\nb", "<13>1 - - - - - - c"]), [1000]);
        Assert.Equal(["<13>1 - - - - - - a\nb", "<13>1 - - - - - - c"], frames);
    }

    [Fact]
    public void Newline_frames_drop_cr_and_nul_and_a_last_frame_without_lf_is_kept()
    {
        var frames = Decode(Encoding.UTF8.GetBytes("<13>a\r\n<13>b\n\0<13>c\n\n<13>d"), [3, 3, 3]);
        Assert.Equal(["<13>a", "<13>b", "<13>c", "<13>d"], frames);
    }

    [Fact]
    public void Framings_can_mix_on_one_connection()
    {
        var bytes = Encoding.UTF8.GetBytes("<13>line one\n").Concat(OctetCounted(["<13>counted"])).Concat(Encoding.UTF8.GetBytes("<13>line two\n")).ToArray();
        Assert.Equal(["<13>line one", "<13>counted", "<13>line two"], Decode(bytes, [5]));
    }

    private static Arbitrary<string[]> Messages() =>
        ArbMap.Default.GeneratorFor<NonEmptyString>()
            .Select(s => "<13>" + s.Get.Replace("\0", ""))
            .ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Octet_counting_gives_back_every_message_whatever_the_chunking() =>
        Prop.ForAll(Messages(), Gen.Choose(1, 64).ArrayOf().ToArbitrary(), (messages, chunks) =>
            Decode(OctetCounted(messages), chunks).SequenceEqual(messages.Select(m => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(m)))));

    [Property(MaxTest = 300)]
    public Property Newline_framing_gives_back_every_line_whatever_the_chunking() =>
        Prop.ForAll(Messages(), Gen.Choose(1, 64).ArrayOf().ToArbitrary(), (messages, chunks) =>
        {
            var lines = messages.Select(m => m.Replace("\n", " ").Replace("\r", " ")).ToArray();
            var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            return Decode(bytes, chunks).SequenceEqual(lines.Select(l => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(l))));
        });

    [Property(MaxTest = 1000)]
    public void Never_throws_on_any_bytes(byte[] bytes, int[] chunks)
    {
        Decode(bytes ?? [], (chunks ?? []).Select(c => Math.Abs(c % 100) + 1));
    }
}
