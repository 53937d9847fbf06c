using BenchmarkDotNet.Running;
using NetWatch.Benchmarks;

// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Parser*'
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- cpu-time
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-cpu-time
if (args is ["cpu-time"]) CpuTimeProbe.Run();
else if (args is ["attribution-cpu-time"]) AttributionCpuTime.Run();
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
