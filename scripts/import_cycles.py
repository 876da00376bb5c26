"""Count the import cycles between the project's modules:
`.venv/bin/python scripts/import_cycles.py`.

Every import counts, function-local ones included (grimp reads them all); imports under
`if TYPE_CHECKING:` do not run and draw no arrow. A cycle is a strongly connected group of
modules (each reaches every other through imports). The one loop the house allows is a tasks
module and the services it calls (DESIGN.md); it is listed apart. Exits 1 on any other cycle.
"""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PACKAGES = [
    name
    for name in (
        "toekomstplan", "workspace", "portal", "exports", "notifications", "figures", "api",
        "plans", "domains", "network", "tooling",
    )
    if (ROOT / name / "__init__.py").exists()
]  # fmt: skip


def strongly_connected(graph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph (iterative: the graph is deep)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in graph.modules:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
    return found


def allowed(group: list[str]) -> bool:
    """A tasks module and the services (a module or a package) it calls."""
    tasks = [m for m in group if m.endswith(".tasks")]
    return len(tasks) == 1 and all(
        m == tasks[0] or ".services" in m or m.endswith(".services") for m in group
    )


def main() -> int:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    cycles = strongly_connected(graph)
    bad = [group for group in cycles if not allowed(group)]
    print(f"{len(graph.modules)} modules, {len(cycles)} import cycles, {len(bad)} not allowed")
    for group in cycles:
        print(("  allowed: " if allowed(group) else "  CYCLE:   ") + " <-> ".join(group))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
