using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// Writes an event back as one log line of a format (the inverse of that format's parser, for the fields the
/// format carries). Used by round-trip tests and to make sample data. Missing values are written as the
/// software writes them ("-", 0, 000).
/// </summary>
public interface ILogLineFormatter
{
    string Format { get; }

    string FormatLine(NetEvent e);
}
