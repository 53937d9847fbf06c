namespace NetWatch.Core.Parsing.Syslog;

/// <summary>
/// A syslog message split into its header fields and body. Nil or absent fields are null. <see cref="Timestamp"/>
/// is the header's time as written (RFC 3164's has no year or zone; the body's own time is what events use).
/// </summary>
public sealed record SyslogMessage(
    SyslogProtocol Protocol,
    int Facility,
    int Severity,
    string? Timestamp,
    string? Host,
    string? AppName,
    string? ProcId,
    string? MsgId,
    string? StructuredData,
    string Message);

public enum SyslogProtocol { Rfc3164, Rfc5424 }
