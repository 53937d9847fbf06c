using System.Collections.Frozen;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The names of the live roll-up write's sub-phases (<see cref="NetWatch.Core.Diagnostics.PhaseTimes"/>, NETWATCH_PHASES=1),
/// inside the store's "store: roll-ups (or owed)": the count in memory (each write call), the append and the compaction of
/// each table, and the side tables' new values (at the commit). Built once, so that timing a batch builds no text.
/// </summary>
internal static class RollupPhases
{
    public const string Spellings = "store: roll-ups: spellings + hosts";

    private static readonly FrozenDictionary<string, string> Appends = Named("append");
    private static readonly FrozenDictionary<string, string> Compactions = Named("compact");

    /// <summary>A write call's new events counted into the session's rows of every table (one pass).</summary>
    public const string Count = "store: roll-ups: count";

    public static string Append(RollupTable table) => Appends[table.Name];

    public static string Compact(RollupTable table) => Compactions[table.Name];

    private static FrozenDictionary<string, string> Named(string step) =>
        RollupTables.All.ToFrozenDictionary(t => t.Name, t => $"store: roll-ups: {step} {t.Name}");
}
