#!/usr/bin/env python3
"""The layering of libexplorer, checked on its object files (nm):

  cycles   no two translation units call each other, directly or through others, except
           the inherent cycles listed in ALLOWED (the scheduler and the scenario threads
           that yield to it; the scheduler and the fault handler that leaves an execution);
  exports  the shared library exports the public API (the functions explorer.h and
           scenario.h declare, and the hooks and wrappers scenario code links against) and
           nothing else.

Usage: check_layering.py cycles OBJECT...
       check_layering.py exports LIBRARY HEADER..."""
import os
import re
import subprocess
import sys

# Strongly connected sets of translation units that the design needs (file stems).
ALLOWED = [{"scheduler", "thread"}, {"scheduler", "fault"}, {"scheduler", "thread", "fault"}]


def nm(path, *flags):
    out = subprocess.run(["nm", *flags, path], check=True, capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines() if line.strip()]


def unit_name(path):
    stem = os.path.basename(path)
    for suffix in (".o", ".c", ".S"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem


def call_graph(objects):
    defined, used = {}, {}
    for obj in objects:
        unit = unit_name(obj)
        used[unit] = set()
        for fields in nm(obj):
            if len(fields) == 2 and fields[0] == "U":
                used[unit].add(fields[1])
            elif len(fields) == 3 and fields[1] in "TDBRVW":
                defined[fields[2]] = unit
    return {u: {defined[s] for s in syms if s in defined and defined[s] != u}
            for u, syms in used.items()}


def strongly_connected(graph):
    index, low, stack, on, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                result.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def check_cycles(objects):
    graph = call_graph(objects)
    bad = [c for c in strongly_connected(graph) if c not in ALLOWED]
    for comp in bad:
        edges = [f"{a} -> {b}" for a in sorted(comp) for b in sorted(graph[a] & comp)]
        print("cycle between translation units: " + ", ".join(edges))
    print(f"cycles: {len(objects)} translation units, {len(bad)} cycle(s) outside the allowed")
    return not bad


PUBLIC = re.compile(r"^(__tsan_|__wrap_|ex_)")


def declared(headers):
    names = set()
    for h in headers:
        text = open(h).read()
        names |= set(re.findall(r"\b(ex_[a-z0-9_]+)\s*\(", text))
    return names


def check_exports(library, headers):
    api = declared(headers)
    exported = {f[2] for f in nm(library, "-D", "--defined-only") if len(f) == 3}
    ours = {s for s in exported if PUBLIC.match(s)}
    extra = sorted(s for s in ours if s.startswith("ex_") and s not in api)
    for s in extra:
        print(f"exported but not in the public headers: {s}")
    print(f"exports: {len(ours)} symbols of ours, {len(extra)} not public")
    return not extra


def main(argv):
    if len(argv) >= 3 and argv[1] == "cycles":
        return 0 if check_cycles(argv[2:]) else 1
    if len(argv) >= 4 and argv[1] == "exports":
        return 0 if check_exports(argv[2], argv[3:]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
