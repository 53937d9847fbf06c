using NetWatch.Core.Events;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// What an earlier screen (the live service's alerts' read-ahead) already knows about some events' lines: that
/// <see cref="Check"/> found nothing in them, so classification need not run that same lexical check again
/// (<see cref="ClassificationEnricher.EnrichInPlace(Span{NetEvent}, ILexicallyScreened?)"/>). A "clean" answer must be
/// exact: a wrong one would miss a safeguarding alert; when in doubt, an implementation says false.
/// </summary>
public interface ILexicallyScreened
{
    /// <summary>The check the screen ran (classification reuses its answer only when its own check is the same one).</summary>
    LexicalUrlScreen Check { get; }

    /// <summary>Whether the line this event was parsed from was screened by <see cref="Check"/> and found clean.</summary>
    bool IsClean(NetEvent e);
}
