using System.CommandLine;
using NetWatch.Core.UrlClassification;
using NetWatch.Semantic;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>--semantic</c>: safeguarding detection with the semantic layer (all-MiniLM-L6-v2 and the nearest labelled
/// examples) behind the lexical one; <c>--safeguarding-examples FILE</c>: a DSL's feedback examples (confirmed
/// concerns, false-positive suppressions) in the labelled-set format, added to the shipped ones.
/// </summary>
internal static class SemanticOption
{
    public static Option<bool> Create() => new("--semantic")
    {
        Description = "Safeguarding: also ask the semantic layer (a local sentence-embedding model) about searches the phrases and lexicon leave undecided",
    };

    public static Option<string[]> Examples() => new("--safeguarding-examples")
    {
        Description = "With --semantic: labelled examples to add (TSV: label, theme, severity, text; see src/NetWatch.Core/Classification/README.md)",
    };

    public static ClassificationEnricher Enricher(UrlCategorizer categorizer, bool semantic, string[]? examples)
    {
        if (!semantic) return new ClassificationEnricher(categorizer);
        List<SafeguardingExample> feedback;
        try
        {
            feedback = (examples ?? []).SelectMany(f => SafeguardingExamples.Parse(File.ReadAllText(f), f)).ToList();
        }
        catch (Exception e) when (e is ReferenceDataException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--safeguarding-examples: {e.Message}");
        }
        return new ClassificationEnricher(categorizer, SemanticLayer.Create(new MiniLmEncoder(), feedback));
    }
}
