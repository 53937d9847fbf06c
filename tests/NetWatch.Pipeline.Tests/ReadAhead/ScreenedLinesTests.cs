using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline.Tests.ReadAhead;

/// <summary>
/// The read-ahead's record of the lines it screened clean (<see cref="ScreenedLines"/>): a line counts as clean only when
/// it is the very line screened clean (same number, same text); a candidate, a rotated or truncated file read again
/// from line 1, a ring gone round, another source or a restart (a new record) never count.
/// </summary>
public class ScreenedLinesTests
{
    private const string Clean = "1705276809.770    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/img/3418dad4.png staff.n.hudson HIER_DIRECT/35.102.94.88 text/html";
    private const string Alerting = "1705276809.771    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/how-to-kill-myself staff.n.hudson HIER_DIRECT/35.102.94.88 text/html";
    private const string OtherClean = "1705276809.772    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/quiz/index.html staff.n.hudson HIER_DIRECT/35.102.94.88 text/html";

    private static readonly ILogLineParser Squid = LogFormats.CreateParser(LogFormats.SquidNative);

    /// <summary>A block of the source "proxy" from line <paramref name="firstLine"/>, as a tailer gives it.</summary>
    private static LineBlock Block(long firstLine, params string[] lines) =>
        new("proxy", firstLine, string.Join('\n', lines).ToCharArray(), Starts(lines), lines.Select(l => l.Length).ToArray(), lines.Length);

    private static int[] Starts(string[] lines)
    {
        var starts = new int[lines.Length];
        for (int i = 1, at = 0; i < lines.Length; i++) starts[i] = at += lines[i - 1].Length + 1;
        return starts;
    }

    private static List<NetEvent> Parse(LineBlock block) => new ParseStage(Squid, SystemClock.Instance).Parse(block).Events.ToList();

    /// <summary>The read-ahead screens the block, then the bulk path's view of the same lines (as it reads them itself).</summary>
    private static bool[] CleanAfterScreen(ScreenedLines screened, LineBlock screenedBlock, LineBlock bulkBlock)
    {
        new LineScreen().Candidates(screenedBlock, Squid, screened);
        var view = screened.For(bulkBlock);
        return Parse(bulkBlock).Select(view.IsClean).ToArray();
    }

    [Fact]
    public void A_line_screened_clean_is_clean_and_a_candidate_is_not()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default);
        var block = Block(1, Clean, Alerting, OtherClean);
        Assert.Equal([true, false, true], CleanAfterScreen(screened, block, block));
        Assert.Equal(2, screened.Hits);
    }

    [Fact]
    public void Lines_not_yet_screened_are_not_clean()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default);
        new LineScreen().Candidates(Block(1, Clean), Squid, screened);
        // The bulk path is ahead: lines 2 and 3 have not been screened.
        var bulk = Block(1, Clean, OtherClean, OtherClean);
        Assert.Equal([true, false, false], Parse(bulk).Select(screened.For(bulk).IsClean).ToArray());
    }

    [Fact]
    public void A_file_read_again_from_line_1_after_a_rotation_or_truncation_is_not_taken_for_the_old_one()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default);
        new LineScreen().Candidates(Block(1, Clean, OtherClean), Squid, screened);
        // The new file's line 2 alerts: the old line 2 was clean, but it is not this line.
        var rotated = Block(1, Clean, Alerting);
        Assert.Equal([true, false], Parse(rotated).Select(screened.For(rotated).IsClean).ToArray());
    }

    [Fact]
    public void A_slot_the_screen_made_a_candidate_is_cleared()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default, slots: 2);
        new LineScreen().Candidates(Block(1, Clean, OtherClean), Squid, screened);
        screened.For(Block(1, Clean, OtherClean));   // the bulk path has read lines 1 and 2
        // Lines 3 and 4 share the slots of 1 and 2; line 3 alerts: its slot no longer holds line 1's hash.
        new LineScreen().Candidates(Block(3, Alerting, OtherClean), Squid, screened);
        var old = Block(1, Clean, OtherClean);
        Assert.Equal([false, true], Parse(old).Select(screened.For(old).IsClean).ToArray());
    }

    [Fact]
    public void A_bulk_path_behind_by_more_than_the_ring_checks_again()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default, slots: 2);
        var bulk = Block(1, Clean, Alerting);
        new LineScreen().Candidates(bulk, Squid, screened);
        screened.For(Block(2, Clean));   // the bulk path has read line 2: lines 3 and 4 may take the slots
        new LineScreen().Candidates(Block(3, OtherClean, OtherClean), Squid, screened);
        Assert.Equal([false, false], Parse(bulk).Select(screened.For(bulk).IsClean).ToArray());
    }

    [Fact]
    public void A_screen_a_whole_ring_ahead_of_the_bulk_path_keeps_the_lines_it_reads_next()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default, slots: 2);
        var bulk = Block(1, Clean, OtherClean);
        screened.For(Block(1));   // the bulk path has read nothing yet
        new LineScreen().Candidates(bulk, Squid, screened);
        // Lines 3 and 4 would take the slots of 1 and 2, which the bulk path has yet to read: not kept.
        var later = Block(3, OtherClean, Clean);
        new LineScreen().Candidates(later, Squid, screened);
        Assert.Equal([true, true], Parse(bulk).Select(screened.For(bulk).IsClean).ToArray());
        Assert.Equal([false, false], Parse(later).Select(screened.For(later).IsClean).ToArray());
    }

    [Fact]
    public void A_restart_keeps_nothing()
    {
        new LineScreen().Candidates(Block(1, Clean), Squid, new ScreenedLines(LexicalUrlScreen.Default));
        var bulk = Block(1, Clean);
        Assert.False(new ScreenedLines(LexicalUrlScreen.Default).For(bulk).IsClean(Parse(bulk)[0]));
    }

    [Fact]
    public void An_event_of_another_block_or_source_is_not_answered_for()
    {
        var screened = new ScreenedLines(LexicalUrlScreen.Default);
        var block = Block(1, Clean, OtherClean);
        new LineScreen().Candidates(block, Squid, screened);
        var e = Parse(block)[0];
        Assert.False(screened.For(Block(2, OtherClean)).IsClean(e));
        Assert.False(screened.For(block).IsClean(e with { Origin = e.Origin with { Source = "other" } }));
    }

    [Fact]
    public void Classification_with_a_semantic_layer_or_other_phrases_does_not_reuse_the_screen()
    {
        var categorizer = new UrlCategorizer([]);
        Assert.True(new ClassificationEnricher(categorizer).SharesLexicalCheck(LexicalUrlScreen.Default));
        Assert.False(new ClassificationEnricher(categorizer, new NoSemantics()).SharesLexicalCheck(LexicalUrlScreen.Default));
        var otherLayer = new SafeguardingLexicalLayer(SafeguardingMatcher.Default, SafeguardingLexicon.Default);
        Assert.False(new ClassificationEnricher(categorizer, SearchTermExtractor.Default, new SafeguardingDetector(otherLayer))
            .SharesLexicalCheck(LexicalUrlScreen.Default));
    }

    private sealed class NoSemantics : ISafeguardingSemantics
    {
        public SafeguardingMatch? Classify(string text) => null;
    }
}
