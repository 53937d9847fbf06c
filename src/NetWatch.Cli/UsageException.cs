namespace NetWatch.Cli;

/// <summary>A bad argument or configuration found after parsing (missing file, unknown format, bad time): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
