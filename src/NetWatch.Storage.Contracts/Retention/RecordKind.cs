namespace NetWatch.Storage.Contracts.Retention;

/// <summary>
/// The kinds of record a store keeps under retention (each kind has its own period). <see cref="Alerts"/> are alerts
/// (by last seen, with their outbox rows) except those closed as referred, which are <see cref="ReferredAlerts"/>:
/// a referral may be kept longer by rule.
/// </summary>
public enum RecordKind { Events, DeadLetters, Visits, Findings, Alerts, ReferredAlerts }
