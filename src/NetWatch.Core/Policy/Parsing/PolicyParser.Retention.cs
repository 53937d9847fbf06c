using NetWatch.Core.Policy.Retention;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

public static partial class PolicyParser
{
    /// <summary>
    /// <c>retention: { events: { period: "12 months", clause: "..." }, ... }</c>: how long the policy says each kind of
    /// record is kept, with the clause that says so (the kinds: <see cref="RetentionKinds.All"/>).
    /// </summary>
    static Dictionary<string, RetentionPeriod> ReadRetention(YamlReader r, YamlNode node)
    {
        var periods = new Dictionary<string, RetentionPeriod>(StringComparer.Ordinal);
        if (r.Mapping(node, "retention") is not { } map) return periods;
        foreach (var (kind, _, value) in r.Entries(map, "retention", [.. RetentionKinds.All]))
        {
            if (r.Mapping(value, $"retention.{kind}") is not { } m) continue;
            string? text = null, clause = null;
            YamlNode? periodNode = null;
            foreach (var (k, _, v) in r.Entries(m, $"retention.{kind}", ["period", "clause"]))
            {
                if (k == "period") { text = r.Scalar(v, $"retention.{kind}.period"); periodNode = v; }
                else clause = r.Scalar(v, $"retention.{kind}.clause");
            }
            if (YamlReader.Get(m, "period") is null) r.Error(m, $"retention.{kind}: missing 'period' (e.g. \"12 months\")");
            if (YamlReader.Get(m, "clause") is null) r.Error(m, $"retention.{kind}: missing 'clause' (the clause of the written policy that states it)");
            if (text is null || clause is null) continue;
            if (RetentionPeriod.Parse(text, clause, out var error) is { } period) periods[kind] = period;
            else r.Error(periodNode!, $"retention.{kind}: {error}");
        }
        return periods;
    }
}
