"""The session requests: ``join`` and ``enter``, the events that bind a connection to a room.

They are not rules commands: they say who a connection is (a name to seat, a token to
check), not what happens in the game. The gateway turns a ``join`` into the rules' ``Join``
command and an ``enter`` into nothing the rules store (a ``Rejoin`` at most), so their
shapes live with the transport. ``create_room`` is the exception: its schema
(``rules.CreateRoom``) is what the rules open a room from, so it stays with the rules.
"""

from __future__ import annotations

import base64
import hashlib

from pydantic import BaseModel, ConfigDict, Field

from ..rules.commands import TokenCommandId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class JoinRequest(_Strict):
    code: str = Field(min_length=4, max_length=12)
    name: str
    command_id: TokenCommandId
    table_id: str | None = Field(default=None, max_length=80)
    """Only on a workshop code, in ``choose`` seating: the table chosen."""


class EnterRequest(_Strict):
    code: str = Field(min_length=4, max_length=12)
    token: str = Field(min_length=8, max_length=128)
    version: int | None = Field(default=None, ge=0)
    """The last version this client saw; with it, a short gap is answered with updates."""


def sealed_id(command_id: str) -> str:
    """What the server keeps of a ``join`` or ``create_room`` id: its SHA-256.

    Their answers carry a token and a resend is answered again, so the id is a secret of
    the client that sent it. Kept only as a hash, it cannot be read back from the store,
    an export or a log and replayed to be handed that client's seat or room.
    """
    digest = hashlib.sha256(command_id.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
