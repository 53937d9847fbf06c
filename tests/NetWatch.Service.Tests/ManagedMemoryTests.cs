using NetWatch.Service.Composition;

namespace NetWatch.Service.Tests;

/// <summary>
/// A replay hands its managed memory back before its store closes (<see cref="ManagedMemory"/>): the GC then no longer
/// holds what its batches used while DuckDB's close (roll-up count, final checkpoint) takes its own memory.
/// </summary>
public class ManagedMemoryTests
{
    [Fact]
    public void Giving_back_decommits_the_memory_that_dead_objects_held()
    {
        Fill();
        // GetGCMemoryInfo reports as of the last collection: Fill's, taken while its arrays were still alive.
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        ManagedMemory.GiveBack();
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        // 256 MB were dead: most of it must leave the GC's committed memory (other tests allocate beside this one).
        Assert.True(before - after > 128L << 20, $"committed {before >> 20} MB before, {after >> 20} MB after");
    }

    /// <summary>256 MB of arrays, dead once this returns (as a finished import's batches are), after a collection that
    /// saw them alive: their memory is still committed to the GC, as the import's batches' was at its end.</summary>
    private static void Fill()
    {
        var held = new List<byte[]>();
        for (var i = 0; i < 256; i++)
        {
            var block = new byte[1 << 20];
            block[i] = 1;   // touched, so the pages are really in use
            held.Add(block);
        }
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        GC.KeepAlive(held);
    }
}
