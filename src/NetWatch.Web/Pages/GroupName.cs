using NetWatch.Storage.Contracts.Aggregates;

namespace NetWatch.Web.Pages;

/// <summary>
/// An aggregate group's key as pages, the termly report and the weekly e-mail show it: the store's "(none)" (the
/// events had no value for the dimension) in words a head teacher reads without a glossary, the same everywhere.
/// </summary>
public static class GroupName
{
    /// <summary>The key itself, or what its absence means for <paramref name="by"/>.</summary>
    public static string Of(string? key, AggregateDimension by) => IsNone(key) ? None(by) : key!;

    /// <summary>True for the group of events without a value (the store's "(none)", or no key at all).</summary>
    public static bool IsNone(string? key) => key is null or AggregateRow.NoValue;

    /// <summary>What a group without a value is called, per dimension.</summary>
    public static string None(AggregateDimension by) => by switch
    {
        AggregateDimension.Category => "Not categorised",
        AggregateDimension.Group => "No department",
        AggregateDimension.Role or AggregateDimension.PersonRole => "No role",
        AggregateDimension.Person => "Not attributed",
        AggregateDimension.RegisteredDomain => "No site",
        AggregateDimension.Verdict => "No verdict",
        AggregateDimension.SafeguardingTheme => "No theme",
        AggregateDimension.School => "No school",
        AggregateDimension.Action => "No action",
        AggregateDimension.Dataset => "Unknown log",
        AggregateDimension.Kind => "Unknown kind",
        _ => "All",
    };
}
