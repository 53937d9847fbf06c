using FsCheck;
using FsCheck.Xunit;
using NetWatch.Storage.Rollups;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// What decides whether the live writer compacts a roll-up period (<see cref="PeriodRows"/>): the sketch's count of
/// distinct keys (<see cref="DistinctKeys"/>) near the true count however often each key comes, and a compaction run
/// when it removes a quarter of the rows or more, not when it removes a few.
/// </summary>
public sealed class CompactionChoiceTests
{
    private static int[] Hashes(int seed, int distinct)
    {
        var random = new Random(seed);
        var set = new HashSet<int>();
        while (set.Count < distinct) set.Add(random.Next(int.MinValue, int.MaxValue));
        return [.. set];
    }

    [Property(MaxTest = 40)]
    public void The_sketch_counts_distinct_hashes_within_a_few_percent_whatever_their_repeats(PositiveInt seed, PositiveInt size, PositiveInt repeats)
    {
        // From a few keys (where it is about exact) to a few hundred thousand (well past its 16,384 registers).
        var distinct = size.Get % 7 switch { 0 => size.Get % 50, 1 => size.Get % 2_000, 2 => 30_000, 3 => 300_000, _ => size.Get * 37 % 100_000 };
        var hashes = Hashes(seed.Get, distinct);
        var once = new DistinctKeys();
        var again = new DistinctKeys();
        foreach (var h in hashes) once.Add(h);
        for (var r = 0; r < 1 + repeats.Get % 4; r++)
            foreach (var h in hashes) again.Add(h);
        Assert.Equal(once.Count(), again.Count());
        var tolerance = Math.Max(2, 0.03 * distinct);
        Assert.True(Math.Abs(once.Count() - distinct) <= tolerance, $"{once.Count():F1} for {distinct}");
    }

    [Fact]
    public void A_period_is_compacted_when_a_quarter_of_its_rows_are_keys_already_there_and_not_for_a_few()
    {
        var hashes = Hashes(1, 1_000);
        var rows = new PeriodRows();
        foreach (var h in hashes) rows.Appended(h);
        Assert.False(rows.WorthCompacting);                       // one row per key
        foreach (var h in hashes.Take(200)) rows.Appended(h);      // 200 of 1,200 rows (17%) would go
        Assert.False(rows.WorthCompacting);
        foreach (var h in hashes.Take(200)) rows.Appended(h);      // 400 of 1,400 (29%)
        Assert.True(rows.WorthCompacting);
    }

    [Fact]
    public void After_a_compaction_the_rows_another_process_stored_count_as_keys_not_as_rows_to_save()
    {
        var hashes = Hashes(2, 1_000);
        var rows = new PeriodRows();
        foreach (var h in hashes) rows.Appended(h);
        foreach (var h in hashes) rows.Appended(h);
        Assert.True(rows.WorthCompacting);
        // The compaction found 3,000 keys: 2,000 of them written before this process started.
        rows.Compacted(3_000);
        Assert.False(rows.WorthCompacting);
        foreach (var h in hashes.Take(500)) rows.Appended(h);      // 500 of 3,500 rows (14%)
        Assert.False(rows.WorthCompacting);
        foreach (var h in hashes) rows.Appended(h);                // 1,500 of 4,500 (33%)
        Assert.True(rows.WorthCompacting);
    }
}
