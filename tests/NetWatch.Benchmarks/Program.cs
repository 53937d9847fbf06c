using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Parser*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
