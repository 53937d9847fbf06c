using Akka;
using Akka.Streams.Dsl;
using NetWatch.Pipeline.Flows;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Service.Sources;

/// <summary>
/// A kind of source (file, syslog-udp, syslog-tcp; next Kafka): its configuration binding, its factory, and (inside
/// its folder) its checkpoint type, serialised into the store's <c>Checkpoint.Position</c>. A kind registers itself
/// with one line in <see cref="SourceRegistry.Default"/>.
/// </summary>
public interface ISourceKind
{
    /// <summary>The value of a source's <c>type</c> setting.</summary>
    string Type { get; }

    /// <summary>It has something to replay to its end (<c>run --once</c>); a kind that only receives (syslog) is left out then.</summary>
    bool Replays { get; }

    /// <summary>The settings this kind reads under a source, besides name, type and school ('*' stands for a list index).</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>Reads and checks one source's settings; a problem is a <see cref="Config.ConfigException"/> naming file and line.</summary>
    SourceSettings Bind(SourceBinding binding);

    /// <summary>
    /// Checks what can be checked before anything is created (files matching, formats known, ports free...) and returns
    /// the source ready to start; nothing is written before every source is prepared.
    /// </summary>
    IPreparedSource Prepare(SourceSettings settings, SourceContext context);
}

/// <summary>A source checked and ready: started once the store is open, from its committed checkpoints.</summary>
public interface IPreparedSource : IDisposable
{
    /// <summary>The streams of blocks (a file source with a '*' gives one per file).</summary>
    IReadOnlyList<Source<ParseJob, NotUsed>> Start(SourceStart start);

    /// <summary>Completes once the source has stopped after the stop token (its queues closed).</summary>
    Task Stopped { get; }

    /// <summary>
    /// After <see cref="Start"/>: the checkpoints of what it began to read where no committed checkpoint put it (a
    /// followed file at a first start, or one gone or truncated while stopped), at the place reading begins. They are
    /// committed before the pipeline runs, so that a restart finds that file (by its identity) even when it was
    /// renamed away before any of its lines were stored.
    /// </summary>
    IReadOnlyList<Checkpoint> Opened => [];
}

/// <summary>One source's settings, as its kind bound them (<see cref="Type"/> names the kind).</summary>
public abstract record SourceSettings(string Name, string Type)
{
    /// <summary>organization.* of this source's events: its own <c>school</c>, else the top-level one (null: none).</summary>
    public Core.Events.Organization? School { get; init; }
}
