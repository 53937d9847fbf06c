using System.Text;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.Policy.Retention;
using NetWatch.Pipeline.Reference;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
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
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            var name = NameOf(kind);
            var rule = settings.Periods.TryGetValue(name, out var configured) ? new RetentionRule(kind, name, configured, $"configuration (retention.{name})")
                : policy?.Retention.TryGetValue(name, out var stated) == true ? new RetentionRule(kind, name, stated!, $"policy {policy.Name}, clause {stated!.Clause}")
                : new RetentionRule(kind, name, RetentionPeriod.Default, "default");
            rules.Add(rule);
        }
        var zone = policy?.TimeZone ?? DateTimeZoneProviders.Tzdb[PolicyParser.DefaultTimeZone];
        return new RetentionPlan(rules, zone, settings.DailyAt);
    }

    /// <summary>
    /// The plan of a service configuration: its <c>retention</c> over its policy's (<c>enrich.policy</c>, read again here;
    /// a policy that cannot be read is a <see cref="ReferenceDataException"/>, as at the service's start).
    /// </summary>
    public static RetentionPlan FromConfig(ServiceConfig config)
    {
        SchoolPolicy? policy = null;
        if (config.Policy is { } path)
        {
            var result = PolicyFileLoader.Load(path);
            policy = result.Success ? result.Policy : throw new ReferenceDataException("policy",
                $"policy file {path} is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        }
        return Resolve(config.Retention, policy);
    }

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
