# Event -> trace_event_raw_<class> from BTF alone, checked against tracefs formats.
import re, sys, os, glob, collections
raw = sys.argv[1]; tracefs = sys.argv[2] if len(sys.argv) > 2 else None
types = {}; cur = None
for line in open(raw):
    m = re.match(r"\[(\d+)\] (\w+) '([^']*)'(.*)", line)
    if m:
        cur = int(m[1]); types[cur] = dict(kind=m[2], name=m[3], rest=m[4], members=[]); continue
    m = re.match(r"\t'([^']*)' type_id=(\d+)", line)
    if m and cur is not None: types[cur]['members'].append((m[1], int(m[2])))
def tid(t): return int(re.search(r"type_id=(\d+)", t['rest'])[1])
btf_events = {t['name'][10:] for t in types.values() if t['kind'] == 'TYPEDEF' and t['name'].startswith('btf_trace_')}
classes = {t['name'][16:]: t for t in types.values() if t['kind'] == 'STRUCT' and t['name'].startswith('trace_event_raw_')}
bpf_trace = collections.defaultdict(list)
for t in types.values():
    if t['kind'] == 'FUNC' and t['name'].startswith('__bpf_trace_'): bpf_trace[tid(t)].append(t['name'][12:])
stub = {t['name'][12:]: tid(t) for t in types.values() if t['kind'] == 'FUNC' and t['name'].startswith('__probestub_')}
def proto_of_typedef(e):
    t = [x for x in types.values() if x['kind'] == 'TYPEDEF' and x['name'] == 'btf_trace_' + e][0]
    p = types[tid(t)]; return types[tid(p)]
def sig(proto): return tuple(ty for _, ty in proto['members'])
by_sig = collections.defaultdict(list)   # unnamed signature -> classes
for pid, cs in bpf_trace.items():
    for c in cs: by_sig[sig(types[pid])].append(c)
def common_prefix(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]: n += 1
    return n
def resolve(e):
    if e in classes: return e, 'exact'
    if e in stub:                                  # 6.4+: named params, exact proto id
        cands = [c for c in bpf_trace.get(stub[e], []) if c in classes]
    else:                                          # older: typedef proto has no names
        cands = [c for c in by_sig.get(sig(proto_of_typedef(e)), []) if c in classes]
    if not cands: return None, 'none'
    if len(cands) == 1: return cands[0], 'unique'
    best = max(cands, key=lambda c: (common_prefix(c, e), -len(c)))
    return best, 'prefix(%d)' % len(cands)
stats = collections.Counter(); bad = []
res = {e: resolve(e) for e in btf_events}
for e, (c, how) in res.items(): stats[how.split('(')[0]] += 1
print('btf_trace typedefs', len(btf_events), 'trace_event_raw classes', len(classes), 'probestubs', len(stub), dict(stats))
if tracefs:
    evs = {}
    for f in glob.glob(tracefs + '/events/*/*/format'):
        sysn, ev = f.split('/')[-3:-1]; evs[ev] = (sysn, f)
    print('tracefs events', len(evs), 'syscalls', sum(1 for s, _ in evs.values() if s == 'syscalls'),
          'ftrace', sum(1 for s, _ in evs.values() if s == 'ftrace'))
    other = {e: v for e, v in evs.items() if v[0] not in ('syscalls', 'ftrace')}
    nobtf = sorted(e for e in other if e not in btf_events)
    print('non-syscall events', len(other), 'without btf_trace typedef', len(nobtf), nobtf[:15])
    ok = wrong = 0
    for e in other:
        if e not in res or res[e][0] is None: continue
        fields = set()
        for l in open(other[e][1]):
            m = re.search(r"field:(.*?);", l)
            if m and 'common_' not in m[1]:
                name = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*$", m[1])[1]
                fields.add(('__data_loc_' + name) if '__data_loc' in m[1] else name)
        members = {n for n, _ in classes[res[e][0]]['members']} - {'ent', '__data'}
        if fields == members: ok += 1
        else: wrong += 1; bad.append((e, res[e], sorted(fields ^ members)[:4]))
    print('class check vs tracefs: match', ok, 'mismatch', wrong); [print('  ', b) for b in bad[:12]]
