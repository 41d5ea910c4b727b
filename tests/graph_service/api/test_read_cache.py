"""The REST layer's answer cache: kept per build id, within its budget, computed once."""

from __future__ import annotations

import asyncio

from graph_service.api.read_cache import ENTRY_SHARE, ReadCache

KEY = ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json", ())


def _key(n: int) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return (f"SELECT * WHERE {{ ?s ?p {n} }}", "text/csv", ())


def test_an_answer_is_kept_for_its_build_only() -> None:
    cache = ReadCache(1 << 20)
    cache.put("build-1", KEY, ("text/csv", b"a,b\n"))
    assert cache.get("build-1", KEY) == ("text/csv", b"a,b\n")
    assert cache.get("build-2", KEY) is None  # another build: everything is dropped
    assert len(cache) == 0 and cache.size == 0
    assert cache.get("build-1", KEY) is None  # even if the first build comes back


def test_the_budget_drops_the_least_recently_used() -> None:
    cache = ReadCache(10_000)
    for n in range(5):
        cache.put("b", _key(n), ("text/csv", b"x" * 1_000))
    assert cache.get("b", _key(0)) is not None  # now the most recently used
    for n in range(5, 20):
        cache.put("b", _key(n), ("text/csv", b"x" * 1_000))
    assert cache.size <= 10_000
    assert cache.get("b", _key(1)) is None
    assert cache.get("b", _key(19)) is not None


def test_an_answer_too_large_for_the_budget_is_not_kept() -> None:
    cache = ReadCache(80_000)
    cache.put("b", KEY, ("text/csv", b"x" * (80_000 // ENTRY_SHARE)))
    assert cache.get("b", KEY) is None and cache.size == 0


def test_identical_misses_at_the_same_time_are_computed_once() -> None:
    calls = 0

    async def scenario() -> list[tuple[str, bytes]]:
        cache = ReadCache(1 << 20)
        release = asyncio.Event()

        async def compute() -> tuple[str, bytes]:
            nonlocal calls
            calls += 1
            await release.wait()
            return "text/csv", b"answer"

        waiting = [asyncio.create_task(cache.fetch("b", KEY, compute)) for _ in range(5)]
        await asyncio.sleep(0)
        release.set()
        return await asyncio.gather(*waiting)

    answers = asyncio.run(scenario())
    assert calls == 1 and answers == [("text/csv", b"answer")] * 5


def test_a_failed_answer_is_not_kept_and_the_waiters_try_again() -> None:
    calls = 0

    async def scenario() -> tuple[BaseException | tuple[str, bytes], ...]:
        cache = ReadCache(1 << 20)
        release = asyncio.Event()

        async def compute() -> tuple[str, bytes]:
            nonlocal calls
            calls += 1
            await release.wait()
            if calls == 1:
                raise RuntimeError("the first one fails")
            return "text/csv", b"answer"

        first = asyncio.create_task(cache.fetch("b", KEY, compute))
        await asyncio.sleep(0)
        second = asyncio.create_task(cache.fetch("b", KEY, compute))
        await asyncio.sleep(0)
        release.set()
        results = await asyncio.gather(first, second, return_exceptions=True)
        assert cache.get("b", KEY) == ("text/csv", b"answer")
        return tuple(results)

    first, second = asyncio.run(scenario())
    assert isinstance(first, RuntimeError) and second == ("text/csv", b"answer")
    assert calls == 2
