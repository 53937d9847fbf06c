using System.CommandLine;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>--semantic</c>: safeguarding detection with the semantic layer (all-MiniLM-L6-v2 and the nearest labelled
/// examples) behind the lexical one; <c>--safeguarding-examples FILE</c>: a DSL's feedback examples (confirmed
/// concerns, false-positive suppressions) in the labelled-set format, added to the shipped ones. The composition
/// root loads them (<see cref="Service.Composition.Ingestion"/>), as it does for <c>enrich.semantic</c>.
/// </summary>
internal static class SemanticOption
{
    public static Option<bool> Create() => new("--semantic")
    {
        Description = "Safeguarding: also ask the semantic layer (a local sentence-embedding model) about searches the phrases and lexicon leave undecided (needs --lists)",
    };

    public static Option<string[]> Examples() => new("--safeguarding-examples")
    {
        Description = "With --semantic: labelled examples to add (TSV: label, theme, severity, text; see src/NetWatch.Core/UrlClassification/README.md)",
    };
}
