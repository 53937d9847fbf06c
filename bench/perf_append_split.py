#!/usr/bin/env python3
"""Store-thread samples (bench/perf_stacks.py output) split finer than bench/perf_store_split.py: the events INSERT ... SELECT
(append into local row groups, full row groups compressed and written), the commit, spill, purge, checkpoint, ours; with
each part's top leaf functions and sub-splits. Usage: perf_append_split.py STACKS.jsonl (bench/results/append-2026-12-05-session31.txt)"""
import sys, json, re, collections
STORE_NS = ('NetWatch.Storage', 'DuckDB.NET', 'NetWatch.Pipeline.Observers', 'NetWatch.Core.Visits')
R = [
 ('duckdb: jemalloc purge', r'pages_purge|je_.*purge|Allocator::ThreadFlush'),
 ('duckdb: spill evict/read back', r'EvictBlocks|TemporaryFileManager|ReadTemporaryBuffer'),
 ('duckdb: checkpoint (close / threshold, vacuum)', r'CheckpointManager|SingleFileStorageManager::CreateCheckpoint|CheckpointWriter|VacuumTask'),
 ('duckdb: commit: WAL write', r'(WriteToLog|WriteAheadLog|WALWrite).*Commit|Commit.*(WriteToLog|WriteAheadLog)'),
 ('duckdb: commit: local storage flush', r'LocalStorage::Flush|LocalStorage::Commit|LocalTableStorage::'),
 ('duckdb: commit: other', r'DuckTransaction::Commit|CommitTransaction|PhysicalTransaction|TransactionManager'),
 ('duckdb: insert: row group written (compress+write)', r'OptimisticDataWriter|ColumnDataCheckpointer|WriteNewRowGroup|FlushToDisk'),
 ('duckdb: insert: constraint checks', r'VerifyAppendConstraints|VerifyNotNull'),
 ('duckdb: insert: append into local row groups', r'LocalStorage::Append|RowGroupCollection::Append|ColumnData::Append|RowGroup::Append'),
 ('duckdb: insert: table function (our callback side)', r'duckdb_data_chunk_get_vector|duckdb_vector_|duckdb_list_vector|CTableFunction|TableScanFunction'),
 ('duckdb: hash join / semi join (dedupe)', r'JoinHashTable|PhysicalHashJoin'),
 ('duckdb: other SQL (parse/plan/run)', r'.'),
]
cat = collections.Counter(); leaves = collections.defaultdict(collections.Counter); ours = collections.Counter(); n = 0
sub = collections.defaultdict(collections.Counter)
def fn(s): return re.sub(r'\(.*', '', s)[:110]
for l in open(sys.argv[1]):
    x = json.loads(l); f = x['f']
    if x['comm'] != '.NET TP Worker' or not f: continue
    duck = any(d == 'libduckdb.so' for _, d in f)
    jit = next((sym for sym, d in f if d.startswith('perf-')), '')
    if not duck and not any(ns in jit for ns in STORE_NS) and 'TranscodeToUtf8' not in jit and 'UTF8Encoding' not in jit: continue
    n += 1
    syms = ' '.join(sym for sym, _ in f)
    leaf = fn(f[0][0]) + ' [' + f[0][1] + ']'
    if duck:
        # the leaf inside libduckdb or below it
        for name, rx in R:
            if re.search(rx, syms):
                cat[name] += 1; leaves[name][leaf] += 1
                if 'row group written' in name:
                    k = 'analyze' if 'DetectBestCompression' in syms or 'Analyze' in syms else ('fsst/dict' if re.search(r'fsst|Fsst|FSST|Dict', syms) else ('bitpack' if 'itpack' in syms else ('block write' if re.search(r'WriteBlock|BlockManager|pwrite|Write\(', syms) else 'other')))
                    sub[name][k] += 1
                if 'append into local' in name:
                    k = 'string' if re.search(r'String', syms) else ('validity' if 'Validity' in syms else ('stats' if 'Stat' in syms else 'other'))
                    sub[name][k] += 1
                break
    else:
        cat['ours: ' + (jit.split('(')[0].rsplit('.', 2)[-2] if '.' in jit else jit)] += 1
        leaves['ours'][fn(jit)] += 1
print(f'store-thread samples {n}')
for k, v in cat.most_common(): print(f'  {100*v/n:5.1f}%  {v:5}  {k}')
for k, v in sub.items(): print('  sub', k, dict(v))
for name in list(R) + [('ours', '')]:
    name = name[0]
    if name not in leaves: continue
    print(f'-- {name}: top leaves')
    for lf, v in leaves[name].most_common(12): print(f'     {v:5}  {lf}')
