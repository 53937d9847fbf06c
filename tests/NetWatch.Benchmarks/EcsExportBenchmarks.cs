using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// `netwatch export`'s writers, derived from EcsFieldCatalog: one NDJSON document or one CSV row per event, the
/// events of <see cref="StoreWriteBenchmarks"/> (to be set against the store's cost of reading a row back).
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --filter '*EcsExport*'
/// </summary>
[MemoryDiagnoser]
public class EcsExportBenchmarks
{
    private const int N = 4096;
    private NetEvent[] _events = [];
    private readonly MemoryStream _buffer = new();
    private readonly StringWriter _text = new();

    [GlobalSetup]
    public void Setup()
    {
        var at = Instant.FromUtc(2026, 11, 23, 8, 30);
        _events = Enumerable.Range(0, N).Select(i => StoreWriteBenchmarks.Event(i, at + Duration.FromMilliseconds(i * 37L))).ToArray();
    }

    [Benchmark(OperationsPerInvoke = N)]
    public long Ndjson()
    {
        _buffer.SetLength(0);
        using var w = new Utf8JsonWriter(_buffer);
        foreach (var e in _events)
        {
            EcsJsonWriter.Write(w, e);
            w.Flush();
            w.Reset();
        }
        return _buffer.Length;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public int Csv()
    {
        _text.GetStringBuilder().Clear();
        foreach (var e in _events) EcsCsvWriter.Write(_text, e);
        return _text.GetStringBuilder().Length;
    }
}
