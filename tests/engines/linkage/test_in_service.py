"""The linkage engine is safe inside a web process or a task worker (issue 10).

Only a command that owns its process asks for the fast paths: pausing the garbage
collector, or forking a worker. The library's defaults leave both alone.
"""

from __future__ import annotations

import gc
import os

import pytest

from homecoming.engines.linkage import PartialDate, dedupe_list, link_lists, link_record


def _records(prefix: str) -> list:
    return [
        link_record(
            record_id=f"{prefix}{i}",
            surname=surname,
            given_name="Олександр",
            birth_date=PartialDate(1990, 5, 17),
        )
        for i, surname in enumerate(["Коваленко", "Мельник", "Шевченко", "Бондаренко"])
    ]


def _watch_gc(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real_disable = gc.disable
    monkeypatch.setattr(
        gc, "disable", lambda: (calls.append("disable"), real_disable())
    )
    monkeypatch.setattr(os, "fork", lambda: calls.append("fork") or 1 / 0)
    return calls


def test_linking_by_default_neither_pauses_the_collector_nor_forks(monkeypatch):
    calls = _watch_gc(monkeypatch)
    result = link_lists(_records("a"), _records("b"))
    assert result.left_count == 4 and len(result.links) == 4
    dedupe_list(_records("a") + _records("b"))
    assert calls == []
    assert gc.isenabled()


def test_a_command_may_ask_for_the_pause_and_gets_the_collector_back(monkeypatch):
    calls = _watch_gc(monkeypatch)
    link_lists(_records("a"), _records("b"), pause_gc=True)
    assert calls == ["disable"]
    assert gc.isenabled()
