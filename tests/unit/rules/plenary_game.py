"""A game at its plenary: post-its written, sorted, in the summary step (for the plenary,
cluster and voting tests and the refusal scenarios)."""

from __future__ import annotations

from typing import Any

from game_server.rules import Actor

from .conftest import Game, make_game

TEXTS = {
    "tijd": ("pink", "Geen tijd om te leren naast het werk"),
    "tijd2": ("pink", "Er is geen tijd om te leren, het werk gaat voor"),
    "budget": ("pink", "Wie betaalt de opleidingen?"),
    "intervisie": ("green", "We doen al intervisie in het team"),
    "feedback": ("green", "Collega's geven elkaar feedback"),
}


def plenary_game(
    players: tuple[str, ...] = ("Anna", "Bram", "Cas"), **options: Any
) -> tuple[Game, list[Actor], dict[str, str]]:
    """Post-its by name (``TEXTS``) on the first card; card 0 red, card 1 green; pinks
    resolved to be development points except ``budget`` (an open question)."""
    game, actors = make_game(players=players, **options)
    game.walk_to("discuss")
    ids = {
        name: game.post_it(actors[n % len(actors)], colour, text)
        for n, (name, (colour, text)) in enumerate(TEXTS.items())
    }
    game.walk_to("summary")
    game.fac("set_pile", item="card", id="deck/c0", pile="red")
    game.fac("set_pile", item="card", id="deck/c1", pile="green")
    game.fac("resolve_post_it", post_it_id=ids["tijd"])
    game.fac("resolve_post_it", post_it_id=ids["tijd2"])
    return game, actors, ids


def ref(item: str, id_: str) -> dict[str, str]:
    return {"item": item, "id": id_}
