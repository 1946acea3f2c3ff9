"""Metric labels come from small fixed sets, whatever a client sends."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from game_server.transport.metrics import Metrics


def samples(metrics: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = metrics.exposition().decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_command_labels_are_known_types_and_server_codes() -> None:
    metrics = Metrics()
    ok = {"ok": True, "version": 3}
    metrics.handled("command", {"type": "add_post_it"}, ok)
    metrics.handled("command", {"type": "add_post_it"}, {**ok, "duplicate": True})
    metrics.handled("command", {"type": "x" * 500}, {"ok": False, "error": {"code": "bad_request"}})
    metrics.handled("command", "not a map", {"ok": False, "error": {"code": "bad_request"}})
    metrics.handled(
        "enter", {"code": "ABCDEF", "token": "t" * 20, "version": 2}, {**ok, "updates": []}
    )
    metrics.handled("enter", {"code": "ABCDEF", "token": "t" * 20}, {**ok, "view": {}})

    found = samples(metrics)
    total = "leerklimaat_commands_total"
    assert found[(total, (("outcome", "accepted"), ("type", "add_post_it")))] == 1
    assert found[(total, (("outcome", "duplicate"), ("type", "add_post_it")))] == 1
    assert found[(total, (("outcome", "bad_request"), ("type", "unknown")))] == 2
    assert found[("leerklimaat_enters_total", (("kind", "resumed"),))] == 1
    assert found[("leerklimaat_enters_total", (("kind", "fresh"),))] == 1
    assert not any("x" * 50 in str(key) for key in found)
