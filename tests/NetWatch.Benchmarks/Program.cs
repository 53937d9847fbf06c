using BenchmarkDotNet.Running;
using NetWatch.Benchmarks;

// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Parser*'
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- cpu-time
if (args is ["cpu-time"]) CpuTimeProbe.Run();
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
