"""The package layout stays acyclic: no module of bot/ imports itself back, even for type annotations."""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph, package: str) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), within `package`."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith(package):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(m for m in graph.modules if m.startswith(package)):
        if module not in index:
            visit(module)
    return found


def test_no_module_of_the_bot_imports_itself_back_through_others():
    graph = grimp.build_graph("bot", exclude_type_checking_imports=False)
    assert _cycles(graph, "bot") == []


def test_the_cycle_finder_sees_a_circle_when_there_is_one():
    graph = grimp.ImportGraph()
    for module in ("bot", "bot.a", "bot.b", "bot.c"):
        graph.add_module(module)
    graph.add_import(importer="bot.a", imported="bot.b")
    graph.add_import(importer="bot.b", imported="bot.c")
    graph.add_import(importer="bot.c", imported="bot.a")
    assert _cycles(graph, "bot") == [["bot.a", "bot.b", "bot.c"]]
