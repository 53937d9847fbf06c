using Akka.Actor;
using Akka.Streams;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The materializer an ingestion's stream runs in: Akka's default input buffer of every asynchronous boundary (16 elements,
/// <c>akka.stream.materializer.max-input-buffer-size</c>) made 1. An element of <see cref="StoreFlow"/> is a whole parsed
/// block (a 512 KiB block of Squid lines is ~3,400 events, ~6 MB of managed heap), so the boundary between parsing and the
/// store stage held up to ~33 of them beyond the batch being joined (measured with Akka.Streams 1.5.74: 43 elements
/// produced and not yet taken by a slow store with a join of 10; 15 with this setting; a local attribute on the stages
/// is not what the boundary reads). Under a backlog of the live service that was 55,000-75,000 events more than
/// <see cref="MemoryBudget"/> planned for (issue 18: bench/results/memory-2026-12-04-session21.txt). One element at a
/// time costs an actor message per block (a few hundred a second at most): nothing next to parsing it. The store stage
/// still joins what queues while it writes (BatchWeighted pulls until a write is full), so sessions stay as large.
/// </summary>
public static class PipelineMaterializer
{
    public static IMaterializer For(ActorSystem system) =>
        system.Materializer(ActorMaterializerSettings.Create(system).WithInputBuffer(1, 1));
}
