#!/usr/bin/env python3
"""The store thread's samples split by what they do, each to the first rule that matches (bench/perf_stacks.py output).
The store stage hops between .NET TP Workers and unwinding stops at the first JIT frame, so a sample is the store's when
it has a libduckdb frame on a TP worker or its first JIT frame is store code. Usage: perf_store_split.py STACKS.jsonl"""
import sys, json, re, collections
STORE_NS = ('NetWatch.Storage', 'DuckDB.NET', 'NetWatch.Pipeline.Observers', 'NetWatch.Core.Visits')
R = [
 ('duckdb: jemalloc purging freed pages (madvise)', lambda s, j: re.search(r'pages_purge|je_.*purge|Allocator::ThreadFlush', s)),
 ('duckdb: spill to temp file (evict, zstd, write) + read back', lambda s, j: re.search(r'EvictBlocks|TemporaryFileManager|ReadTemporaryBuffer', s)),
 ('duckdb: commit: WAL write (visits, roll-ups, part row groups)', lambda s, j: re.search(r'WriteToLog|WriteAheadLog', s) and 'Commit' in s),
 ('duckdb: commit: local rows appended into the table', lambda s, j: 'LocalStorage::Flush' in s or 'LocalStorage::Commit' in s),
 ('duckdb: commit: other', lambda s, j: re.search(r'DuckTransaction::Commit|CommitTransaction|PhysicalTransaction', s)),
 ('duckdb: compression analysis (row groups in the append)', lambda s, j: ('OptimisticDataWriter' in s or 'ColumnDataCheckpointer' in s) and 'DetectBestCompression' in s),
 ('duckdb: compression DictFSST (strings)', lambda s, j: ('OptimisticDataWriter' in s or 'ColumnDataCheckpointer' in s) and re.search(r'dict_fsst|fsst', s)),
 ('duckdb: compression other types + block writes', lambda s, j: 'OptimisticDataWriter' in s or 'ColumnDataCheckpointer' in s),
 ('duckdb: appender copies our chunk into its buffer', lambda s, j: 'BaseAppender::AppendDataChunk' in s),
 ('duckdb: appender flush: rows appended into transient segments', lambda s, j: 'duckdb_appender_close' in s or 'duckdb_appender_flush' in s),
 ('duckdb: SQL (dedupe, visits, roll-ups, checkpoint row): parse/plan/run', lambda s, j: 'libduckdb' in j),
 ('ours: chunk fill (ChunkAppender, EventRowWriter, ChunkStrings, EventBatchWriter)', lambda s, j: re.search(r'NetWatch\.Storage\.Events\.', j)),
 ('ours: roll-up count and rows', lambda s, j: 'NetWatch.Storage.Rollups' in j),
 ('ours: visits (fold, rows)', lambda s, j: re.search(r'Visits|VisitAggregator|PersonalTime', j)),
 ('ours: other store code', lambda s, j: True),
]
c = collections.Counter(); n = 0
for l in open(sys.argv[1]):
    x = json.loads(l); f = x['f']
    if x['comm'] != '.NET TP Worker' or not f: continue
    duck = any(d == 'libduckdb.so' for _, d in f)
    jit = next((sym for sym, d in f if d.startswith('perf-')), '')
    if not duck and not any(ns in jit for ns in STORE_NS): continue
    syms = ' '.join(sym for sym, _ in f)
    j = 'libduckdb' if duck else jit
    for name, rule in R:
        if (name.startswith('duckdb') and not duck) or (name.startswith('ours') and duck): continue
        if rule(syms, j): c[name] += 1; break
    n += 1
print(f'store-thread samples {n}')
for name, _ in R: print(f'  {100*c[name]/n:5.1f}%  {c[name]:5}  {name}')
