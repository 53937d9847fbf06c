namespace NetWatch.Storage.Contracts.Aggregates;

/// <summary>How aggregates cut time, in the school's zone. <see cref="Term"/> uses the terms given with the query.</summary>
public enum TimeBucket { None, Hour, Day, Week, Term }
