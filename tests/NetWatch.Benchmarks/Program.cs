using BenchmarkDotNet.Running;
using NetWatch.Benchmarks;

// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Parser*'
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- cpu-time
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-cpu-time
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-best 60      (best of short rounds)
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-day-loop 60  (for perf to sample)
if (args is ["cpu-time"]) CpuTimeProbe.Run();
else if (args is ["attribution-cpu-time"]) AttributionCpuTime.Run();
else if (args is ["attribution-best", var seconds]) AttributionCpuTime.Best(int.Parse(seconds));
else if (args is ["attribution-day-loop", var duration]) AttributionCpuTime.LoopDay(int.Parse(duration));
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
