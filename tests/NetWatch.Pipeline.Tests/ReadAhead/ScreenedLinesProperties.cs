using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Reference;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Pipeline.Tests.ReadAhead;

/// <summary>
/// Reusing the read-ahead's screen only skips work: over generated blocks (<see cref="LineScreenProperties.Block"/>:
/// the Squid layouts and a format without a URL reader, phrases of the library in many spellings, searches, CONNECT
/// authorities, damaged lines), each event's classification (categories, search terms, every safeguarding field, from
/// which the alerts are made) is the same with the screen's answers reused as without, and the screen's candidates
/// are unchanged.
/// </summary>
public class ScreenedLinesProperties
{
    private static readonly UrlCategorizer Categorizer =
        CategoryListLoader.Load([RepoFiles.Path("data", "ut1"), RepoFiles.Path("data", "lists", "school-example")]);

    private static object?[] Fields(NetEvent e) =>
    [
        e.Id, string.Join(',', e.Classification?.Categories ?? []), e.Classification?.SearchEngine, e.Classification?.SearchTerms,
        e.Classification?.SafeguardingTheme, e.Classification?.SafeguardingSeverity, e.Classification?.SafeguardingMatched,
        e.Classification?.SafeguardingLayer, e.Classification?.SafeguardingScore, e.Classification?.SafeguardingEvidence,
    ];

    private static NetEvent[] Classified(ILogLineParser parser, LineBlock block, ILexicallyScreened? screened)
    {
        var events = new ParseStage(parser, SystemClock.Instance).Parse(block).Events.ToArray();
        // A fresh enricher each time, without a memo: every event classified, none answered from the other run.
        new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, memoSlots: 0).EnrichInPlace(events, screened);
        return events;
    }

    [Property(MaxTest = 500)]
    public Property The_same_classification_with_the_screen_reused_as_without() => Prop.ForAll(LineScreenProperties.Block.ToArbitrary(), b =>
    {
        var parser = LogFormats.CreateParser(b.Format);
        var block = LineScreenProperties.ToBlock(b.Lines);
        var screened = new ScreenedLines(LexicalUrlScreen.Default, slots: 4096);
        var candidates = new LineScreen().Candidates(block, parser, screened) ?? [];
        Assert.Equal((new LineScreen().Candidates(block, parser) ?? []).Select(e => e.Id), candidates.Select(e => e.Id));
        var without = Classified(parser, block, null);
        var with = Classified(parser, block, screened.For(block));
        Assert.Equal(without.Select(Fields), with.Select(Fields));
        // Every event the screen found clean was answered from it (the reuse happens, not only agrees).
        Assert.Equal(without.Length - candidates.Count, screened.Hits);
        return true;
    });
}
