using NodaTime;

namespace NetWatch.Storage.Contracts.Audit;

/// <summary>Which audit records to read: [From, To), one actor, one action; all optional.</summary>
public sealed record AuditQuery(Instant? From = null, Instant? To = null, string? Actor = null, string? Action = null);
