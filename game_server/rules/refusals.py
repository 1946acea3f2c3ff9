"""Refusals: why a command was not applied. A refused command changes nothing."""

from __future__ import annotations

REASONS: dict[str, str] = {
    "not_allowed": "Your role may not do this.",
    "wrong_phase": "This cannot be done in the current step of the game.",
    "room_closed": "The game has ended; the facilitator can reopen it with back_step.",
    "not_joined": "You are not a player in this room.",
    "name_taken": "Another player in this room already uses that name.",
    "room_full": "This room has reached its maximum number of players.",
    "unknown_player": "There is no such player in this room.",
    "unknown_card": "There is no such card in this room.",
    "unknown_post_it": "There is no such post-it in this room.",
    "unknown_action_point": "There is no such action point in this room.",
    "not_author": "Only the author or the facilitator may change this post-it.",
    "post_its_locked": "The facilitator has locked the post-its.",
    "card_not_started": "Post-its can only go on a card that has been played.",
    "invalid_position": "That position is not on this room's board.",
    "no_players": "At least one player must have joined first.",
    "no_next_step": "There is no next step; use end_game to close the game.",
    "no_previous_step": "There is no earlier step to go back to.",
    "invalid_order": "The new order must contain exactly the cards that are still to come.",
    "not_pink": "Only pink post-its can be marked resolved.",
    "nothing_to_reveal": "There are no hidden placements to reveal now.",
    "timer_not_running": "The timer is not running.",
    "already_facilitator": "That player already steers the game.",
    "unchanged": "The command would change nothing.",
    "case_not_written": "This case card asks its reader to write a case first.",
    "nothing_to_write": "The current card is not a blank case card waiting for its case.",
    "not_reader": "Only the reader of this card or the facilitator may write its case.",
    "limit_reached": "This would go over a limit of the room or of one player.",
    "unknown_item": "There is no such plenary item in this room.",
    "unknown_cluster": "There is no such cluster in this room.",
    "not_in_cluster": "That post-it is not in this cluster.",
    "too_few_items": "Merging takes at least two different items.",
    "other_heading": "Only items under the same plenary heading can be merged.",
    "not_in_plenary": "That item is not under a plenary heading now.",
    "voting_open": "Dot voting is open: the items stay as they are until the votes are revealed.",
    "voting_closed": "There is no dot voting open now.",
    "nothing_to_vote": "There is nothing under 'to develop' to vote on.",
    "not_votable": "Dots go only on items and clusters under 'to develop'.",
    "no_dots_left": "All your dots are placed; take one back to move it.",
    "one_dot_per_item": "In this vote an item takes at most one of your dots.",
    "no_dot_here": "You have no dot on that item.",
    "card_started": "A card that has been played cannot be removed.",
    "table_full": "That table is full; choose another table.",
    "unknown_table": "There is no such table in this workshop.",
    "unknown_participant": "There is no such participant in this workshop.",
    "not_lockstep": "The tables steer themselves; switch to steering all tables first.",
    "too_many_tables": "This workshop has reached its maximum number of tables.",
}


class Refusal(Exception):
    """Raised inside the rules; the authority turns it into an error reply."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        if code not in REASONS:
            raise ValueError(f"undocumented refusal code {code!r}")
        message = REASONS[code] if detail is None else f"{REASONS[code]} {detail}"
        super().__init__(message)
        self.code = code
        self.message = message
