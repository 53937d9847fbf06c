namespace NetWatch.Storage.Contracts.Retention;

/// <summary>The kinds of record a store keeps under retention (each kind has its own period). Alerts come with the alerts issue.</summary>
public enum RecordKind { Events, DeadLetters, Visits, Findings }
