namespace NetWatch.Core.UrlClassification;

/// <summary>netwatch.safeguarding.theme, .severity and .matched (the library phrase).</summary>
public sealed record SafeguardingMatch(string Theme, int Severity, string Matched);
