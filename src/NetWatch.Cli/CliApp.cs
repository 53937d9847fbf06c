using System.CommandLine;
using NetWatch.Cli.Commands;

namespace NetWatch.Cli;

/// <summary>The <c>netwatch</c> command tree: one file per verb under Commands/.</summary>
public static class CliApp
{
    public static RootCommand CreateRoot() => new("NetWatch: network-usage monitoring for schools. Parses proxy, filter and firewall logs into one event store.")
    {
        ImportCommand.Create(),
        ExportCommand.Create(),
        DeadLettersCommand.Create(),
        SummaryCommand.Create(),
        PolicyCommand.Create(),
        ExplainCommand.Create(),
        VisitsCommand.Create(),
        ClassifyCommand.Create(),
        RunCommand.Create(),
        StatusCommand.Create(),
        UsersCommand.Create(),
        AuditCommand.Create(),
        RetentionCommand.Create(),
        SubjectAccessCommand.Create(),
        NoticeCommand.Create(),
    };
}
