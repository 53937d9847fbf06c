namespace NetWatch.Core.Alerts;

/// <summary>Where an alert is in the DSL's triage: new (nobody has looked), acknowledged, in progress, closed (with an outcome).</summary>
public enum AlertStatus { New, Acknowledged, InProgress, Closed }

/// <summary>How a closed alert ended.</summary>
public enum AlertOutcome { FalsePositive, ConcernLogged, Referred, NoFurtherAction }

/// <summary>The names the API, the store and the README use for statuses and outcomes.</summary>
public static class AlertNames
{
    public static string Of(AlertStatus status) => status switch
    {
        AlertStatus.New => "new",
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.InProgress => "in-progress",
        AlertStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(AlertOutcome outcome) => outcome switch
    {
        AlertOutcome.FalsePositive => "false-positive",
        AlertOutcome.ConcernLogged => "concern-logged",
        AlertOutcome.Referred => "referred",
        AlertOutcome.NoFurtherAction => "no-further-action",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static readonly IReadOnlyList<string> Statuses = Enum.GetValues<AlertStatus>().Select(Of).ToList();
    public static readonly IReadOnlyList<string> Outcomes = Enum.GetValues<AlertOutcome>().Select(Of).ToList();

    public static bool TryStatus(string? text, out AlertStatus status)
    {
        foreach (var s in Enum.GetValues<AlertStatus>())
            if (string.Equals(Of(s), text, StringComparison.OrdinalIgnoreCase)) { status = s; return true; }
        status = default;
        return false;
    }

    public static bool TryOutcome(string? text, out AlertOutcome outcome)
    {
        foreach (var o in Enum.GetValues<AlertOutcome>())
            if (string.Equals(Of(o), text, StringComparison.OrdinalIgnoreCase)) { outcome = o; return true; }
        outcome = default;
        return false;
    }
}
