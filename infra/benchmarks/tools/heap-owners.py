#!/usr/bin/env python3
"""What each open connection costs, from a heap dump (issue 16 goal 5): every live object's shallow
size goes to the nearest "owner" on its shortest path from a GC root (breadth-first, first referrer),
an owner being an object whose class name contains one of the given substrings; printed per socket.
Optionally, for the given fully qualified class names: two referrer chains and the referrers' classes.

usage: heap-owners.py <dump.hprof> <sockets> <owner,substrings,...> [<class,names,...>]
(dump with `jcmd <pid> GC.heap_dump <file>` while the benchmark holds its idle sockets; HPROF with
8-byte ids, as 64-bit JDKs write it; a 120 MB dump takes about a minute here)."""
import struct, sys, collections

path, sockets = sys.argv[1], int(sys.argv[2])
owners_wanted = sys.argv[3].split(',')
data = open(path, 'rb').read()
pos = data.index(b'\0') + 1
idsize = struct.unpack_from('>I', data, pos)[0]; pos += 4 + 8
assert idsize == 8
strings = {}
classname = {}       # class obj id -> name
classinfo = {}       # class id -> (super, [field types])
objclass = {}        # obj id -> class id (or array type string)
size = {}
refs = {}            # obj -> list of refs
roots = set()
TS = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIMNAME = {4: '[Z', 5: '[C', 6: '[F', 7: '[D', 8: '[B', 9: '[S', 10: '[I', 11: '[J'}
ROOTLEN = {0xFF: 8, 0x01: 16, 0x02: 16, 0x03: 16, 0x04: 12, 0x05: 8, 0x06: 12, 0x07: 8, 0x08: 16}
u4 = struct.Struct('>I'); u8 = struct.Struct('>Q'); u2 = struct.Struct('>H')
n = len(data)
while pos < n:
    tag = data[pos]; length = u4.unpack_from(data, pos + 5)[0]; body = pos + 9; end = body + length; pos = end
    if tag == 0x01:
        strings[u8.unpack_from(data, body)[0]] = data[body + 8:end].decode('utf-8', 'replace')
    elif tag == 0x02:
        cid = u8.unpack_from(data, body + 4)[0]; nid = u8.unpack_from(data, body + 16)[0]
        classname[cid] = strings.get(nid, '?').replace('/', '.')
    elif tag in (0x0C, 0x1C):
        p = body
        while p < end:
            st = data[p]; p += 1
            if st in ROOTLEN:
                roots.add(u8.unpack_from(data, p)[0]); p += ROOTLEN[st]
            elif st == 0x20:
                cid = u8.unpack_from(data, p)[0]; sup = u8.unpack_from(data, p + 12)[0]
                p += 8 + 4 + 8 * 6 + 4
                cp = u2.unpack_from(data, p)[0]; p += 2
                for _ in range(cp):
                    t = data[p + 2]; p += 3 + TS[t]
                ns = u2.unpack_from(data, p)[0]; p += 2
                srefs = []
                for _ in range(ns):
                    t = data[p + 8]
                    if t == 2:
                        srefs.append(u8.unpack_from(data, p + 9)[0])
                    p += 9 + TS[t]
                nf = u2.unpack_from(data, p)[0]; p += 2
                ftypes = [data[p + 8 + 9 * i] for i in range(nf)]; p += 9 * nf
                classinfo[cid] = (sup, ftypes)
                refs[cid] = srefs; objclass[cid] = 'class'; size[cid] = 0; roots.add(cid)
            elif st == 0x21:
                oid = u8.unpack_from(data, p)[0]; cid = u8.unpack_from(data, p + 12)[0]; nb = u4.unpack_from(data, p + 20)[0]
                objclass[oid] = cid; size[oid] = (12 + nb + 7) // 8 * 8
                refs[oid] = (p + 24, nb, cid)  # decode lazily
                p += 24 + nb
            elif st == 0x22:
                oid = u8.unpack_from(data, p)[0]; cnt = u4.unpack_from(data, p + 12)[0]; acid = u8.unpack_from(data, p + 16)[0]
                objclass[oid] = acid; size[oid] = (16 + 4 * cnt + 7) // 8 * 8
                refs[oid] = list(struct.unpack_from('>%dQ' % cnt, data, p + 24)) if cnt else []
                p += 24 + 8 * cnt
            elif st == 0x23:
                oid = u8.unpack_from(data, p)[0]; cnt = u4.unpack_from(data, p + 12)[0]; t = data[p + 16]
                objclass[oid] = PRIMNAME[t]; size[oid] = (16 + TS[t] * cnt + 7) // 8 * 8; refs[oid] = []
                p += 17 + TS[t] * cnt
            else:
                raise SystemExit('unknown subtag %x at %d' % (st, p))

def layout(cid):
    types = []
    while cid and cid in classinfo:
        sup, ft = classinfo[cid]; types.extend(ft); cid = sup
    return types
layouts = {}
def decode(oid):
    r = refs[oid]
    if isinstance(r, tuple):
        p, nb, cid = r
        lt = layouts.get(cid)
        if lt is None:
            lt = layouts[cid] = layout(cid)
        out = []
        for t in lt:
            if t == 2:
                v = u8.unpack_from(data, p)[0]
                if v:
                    out.append(v)
            p += TS[t]
        refs[oid] = out
        return out
    return r

def cname(oid):
    c = objclass.get(oid)
    if isinstance(c, str):
        return c
    return classname.get(c, '?')

# BFS from roots: first referrer
parent = {}
from collections import deque
q = deque()
for r in roots:
    if r in objclass and r not in parent:
        parent[r] = None; q.append(r)
while q:
    o = q.popleft()
    for x in decode(o):
        if x in objclass and x not in parent:
            parent[x] = o; q.append(x)

owner_bytes = collections.Counter(); owner_objs = collections.Counter()
detail = collections.defaultdict(collections.Counter)
cache = {}
for o in parent:
    chain = []
    cur = o; found = None
    depth = 0
    while cur is not None and depth < 40:
        if cur in cache:
            found = cache[cur]; break
        nm = cname(cur)
        if any(w in nm for w in owners_wanted):
            found = nm; break
        chain.append(cur); cur = parent[cur]; depth += 1
    if found is None:
        found = '(other)'
    for c in chain:
        cache[c] = found
    owner_bytes[found] += size[o]; owner_objs[found] += 1
    detail[found][cname(o)] += size[o]
total = sum(size[o] for o in parent)
print('live objects %d, %.1f MiB' % (len(parent), total / 1048576))
for nm, b in owner_bytes.most_common(40):
    print('%10.0f B/socket %8.1f objs/socket  %s' % (b / sockets, owner_objs[nm] / sockets, nm))
    for cn, cb in detail[nm].most_common(6):
        print('            %8.0f  %s' % (cb / sockets, cn))

if len(sys.argv) > 4:
    for target in sys.argv[4].split(','):
        insts = [o for o in parent if cname(o) == target][:2]
        print('\n== chains to', target, len([o for o in parent if cname(o) == target]))
        for o in insts:
            chain = []
            cur = o
            while cur is not None and len(chain) < 30:
                chain.append(cname(cur)); cur = parent[cur]
            print('  <- '.join(chain))
        # all referrers of all instances
        allinst = set(o for o in parent if cname(o) == target)
        rc = collections.Counter()
        for o in parent:
            for x in decode(o):
                if x in allinst:
                    rc[cname(o)] += 1
        print('  referrers:', rc.most_common(8))
