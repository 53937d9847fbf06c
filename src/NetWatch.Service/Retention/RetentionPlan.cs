using System.Text;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.Policy.Retention;
using NetWatch.Storage.Contracts.Retention;
using NodaTime;

namespace NetWatch.Service.Retention;

/// <summary>How long one kind of record is kept, and who said so (the configuration, the policy with its clause, or the default).</summary>
public sealed record RetentionRule(RecordKind Kind, string Name, RetentionPeriod Period, string Source);

/// <summary>
/// What retention deletes: a period for every kind the store keeps, resolved from the configuration's <c>retention</c>
/// (first), the policy's <c>retention</c> (next) or 12 months, and the school time zone the periods are counted in.
/// </summary>
public sealed record RetentionPlan(IReadOnlyList<RetentionRule> Rules, DateTimeZone Zone, LocalTime DailyAt)
{
    public static RetentionPlan Resolve(RetentionSettings settings, SchoolPolicy? policy)
    {
        var rules = new List<RetentionRule>();
        var kept = new List<string>();
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            var name = NameOf(kind);
            if (settings.Periods.TryGetValue(name, out var configured)) rules.Add(new RetentionRule(kind, name, configured, $"configuration (retention.{name})"));
            else if (policy?.Retention.TryGetValue(name, out var stated) == true) rules.Add(new RetentionRule(kind, name, stated!, $"policy {policy.Name}, clause {stated!.Clause}"));
            else if (RetentionKinds.DefaultPeriod(name) is { } period) rules.Add(new RetentionRule(kind, name, period, "default"));
            else kept.Add(name);
        }
        var zone = policy?.TimeZone ?? DateTimeZoneProviders.Tzdb[PolicyParser.DefaultTimeZone];
        return new RetentionPlan(rules, zone, settings.DailyAt) { KeptUntilSet = kept };
    }

    /// <summary>Kinds with no period set that are kept until one is (referred alerts), by name.</summary>
    public IReadOnlyList<string> KeptUntilSet { get; init; } = [];

    /// <summary>A store kind's name as the configuration and the policy spell it: Events → events, DeadLetters → dead_letters.</summary>
    public static string NameOf(RecordKind kind)
    {
        var text = kind.ToString();
        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(text[i]));
        }
        return sb.ToString();
    }
}
