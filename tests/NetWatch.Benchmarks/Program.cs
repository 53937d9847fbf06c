using BenchmarkDotNet.Running;
using NetWatch.Benchmarks;

// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Parser*'
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- cpu-time
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-cpu-time
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-best 60      (best of short rounds)
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-day-loop 60 [quiet|busy]  (for perf to sample)
// dotnet run -c Release --project tests/NetWatch.Benchmarks -- store-write LOG [BATCH] [ROUNDS] [old|new|both]   (write sessions; bench/store-write.sh: a base commit's against this tree's)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll safeguarding-dump LOG OUT   (matches to OUT, then CPU per event)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll read-ahead-screen LOG [ROUNDS]   (the alerts' read-ahead screen, old against new)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll fast-lane-cost [ENTRIES] [busy]   (the alerts fast lane: thread CPU per raised-before read, commit and settle, and the commit's parts)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll lexical-starts LOG [ROUNDS]   (the lexical screen with and without MayStart)
// SCREEN_LOG=LOG dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter "*LineScreen*"   (the read-ahead screen per line, BenchmarkDotNet)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll attribution-ab 120 BIN_A BIN_B [quiet|busy|random]  (two builds, one process)
// NETWATCH_COUNT_LOG=LOG dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll rollup-count-ab [ROUNDS]  (roll-up count base vs new, thread CPU)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll rollup-reads STORE [ROUNDS] [none|owed]  (CPU per roll-up read on a stored store; the readers' public API, so another build's NetWatch.Storage.dll can be copied beside it)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll owed-count STORE_COPY [grouped|per-session|one-transaction|none|settle|explain][-unmerged] [DUCKDB_MB=256]  (the close's count of owed sessions)
// NETWATCH_PHASES=1 dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll live-commit LOG [SESSIONS] [EVENTS] [REPLACED] [FIRST]  (the live service's keeping-up sessions alone: CPU per event and per phase; LIVE_COMMIT_THREADS=all: on DuckDB's threads)
// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll sql STORE_FILE "SELECT ..."  (one read-only query, tab-separated: the bench scripts' look into a kept store)
if (args is ["cpu-time"]) CpuTimeProbe.Run();
else if (args is ["sql", var sqlFile, var sqlText]) SqlQuery.Run(sqlFile, sqlText);
else if (args is ["live-commit", var liveLog, .. var liveMore])
    LiveCommitProbe.Run(liveLog, liveMore is [var ls, ..] ? int.Parse(ls) : 400, liveMore is [_, var le, ..] ? int.Parse(le) : 5000,
        liveMore is [_, _, var lr, ..] ? int.Parse(lr) : 4100, liveMore is [_, _, _, var lf] ? int.Parse(lf) : 700);
else if (args is ["rollup-count-ab", .. var countRounds]) NetWatch.Benchmarks.Rollups.RollupCountAB.Run(countRounds is [var cr] ? int.Parse(cr) : 20);
else if (args is ["attribution-cpu-time"]) AttributionCpuTime.Run();
else if (args is ["attribution-best", var seconds]) AttributionCpuTime.Best(int.Parse(seconds));
else if (args is ["attribution-day-loop", var duration, .. var which]) AttributionCpuTime.LoopDay(int.Parse(duration), which is [var name] ? name : "quiet");
else if (args is ["attribution-ab", var time, var a, var b, .. var rest]) AttributionAB.Run(int.Parse(time), a, b, rest is [var w] ? w : "quiet");
else if (args is ["store-write", var log, .. var more])
    StoreWriteComparison.Run(log, more is [var size, ..] ? int.Parse(size) : 4000, more is [_, var rounds, ..] ? int.Parse(rounds) : 4,
        more is [_, _, var side] ? side : "both");
else if (args is ["rollup-reads", var readsStore, .. var readsMore]) NetWatch.Benchmarks.Rollups.RollupReadsProbe.Run(readsStore, readsMore is [var rr, ..] ? int.Parse(rr) : 200, readsMore is [_, var rm] ? rm : "none");
else if (args is ["owed-count", var owedStore, .. var owedMode]) NetWatch.Benchmarks.Rollups.OwedCountProbe.Run(owedStore, owedMode is [var om, ..] ? om : "grouped", owedMode is [_, var omb] ? long.Parse(omb) : 256);
else if (args is ["read-ahead-screen", var screenLog, .. var screenRounds]) ReadAheadScreen.Run(screenLog, screenRounds is [var sr] ? int.Parse(sr) : 4);
else if (args is ["lexical-starts", var startsLog, .. var startsRounds]) LexicalStarts.Run(startsLog, startsRounds is [var str] ? int.Parse(str) : 6);
else if (args is ["fast-lane-cost", .. var laneArgs]) FastLaneCost.Run(laneArgs is [var le, ..] ? int.Parse(le) : 500, laneArgs is [_, "busy"]);
else if (args is ["safeguarding-dump", var dumpLog, var dumpOut]) SafeguardingDump.Run(dumpLog, dumpOut);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
