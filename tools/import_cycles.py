#!/usr/bin/env python3
"""Prints the import circles inside each crate of the workspace, module by module (a file is a
module). A circle is a set of modules that reach each other through `use crate::...`,
`crate::...` paths and `super::...` paths: none of them can be read, tested or moved alone.

A module's own submodules and ancestors are left out of the graph: a parent declares and
re-exports its children, and a child reads what its parent holds; that is one module's layout,
not a circle between two.

Usage: tools/import_cycles.py [--max N] [crate src folders...]
Exits 1 if more than N modules (0 by default) are in circles.
"""

import os
import re
import sys

CRATES = ["crates/kabinet-protocol/src", "crates/kabinet-core/src", "crates/portal-sandbox/src",
          "crates/kabinet-documents/src", "crates/kabinet-cli/src", "crates/kabinet-private-fs/src",
          "src-tauri"]


def module_of(src, path):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


def strip_comments(text):
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def use_paths(text):
    """Every path a file names: `use` trees expanded, and inline `crate::`/`super::` paths."""
    out = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        out.extend(expand(m.group(1).replace("\n", " ").replace(" ", "")))
    out.extend(re.findall(r"\b((?:crate|super)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))+)", text))
    return out


def expand(tree):
    """`a::{b, c::{d}}` -> ["a::b", "a::c::d"]."""
    depth, start = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                prefix, inner = tree[:start], tree[start + 1:i]
                parts, d, last = [], 0, 0
                for j, c in enumerate(inner):
                    d += c == "{"
                    d -= c == "}"
                    if c == "," and d == 0:
                        parts.append(inner[last:j])
                        last = j + 1
                parts.append(inner[last:])
                return [x for p in parts if p for x in expand(prefix + p)]
    return [tree]


def resolve(module, path, modules):
    parts = path.split("::")
    if parts[0] == "crate":
        base, rest = (), parts[1:]
    elif parts[0] == "super":
        base, rest = module, parts
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    elif parts[0] == "self":
        base, rest = module, parts[1:]
    else:
        return None
    target = base
    for name in rest:
        if target + (name,) in modules:
            target = target + (name,)
        else:
            break
    return target


def related(a, b):
    return a[: len(b)] == b or b[: len(a)] == a


def circles(src):
    files = {}
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith(".rs"):
                p = os.path.join(root, n)
                files[module_of(src, p)] = p
    modules = set(files)
    graph = {m: set() for m in modules}
    for m, p in files.items():
        with open(p, encoding="utf-8") as f:
            text = strip_comments(f.read())
        # Tests are not part of the shape.
        text = re.split(r"#\[cfg\(test\)\]\s*mod\s+tests", text)[0]
        for path in use_paths(text):
            t = resolve(m, path, modules)
            if t is not None and t in modules and not related(m, t):
                graph[m].add(t)
    return [c for c in tarjan(graph) if len(c) > 1]


def tarjan(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(argv):
    limit = 0
    if argv[:1] == ["--max"]:
        limit, argv = int(argv[1]), argv[2:]
    total = 0
    for src in argv or CRATES:
        if not os.path.isdir(src):
            continue
        for comp in circles(src):
            names = sorted("::".join(m) or "(root)" for m in comp)
            total += len(names)
            print(f"{src}: a circle of {len(names)} modules: {', '.join(names)}")
    print(f"modules in circles: {total}")
    return 1 if total > limit else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
