"""Opening a workshop: ``create_room`` with ``tables`` (docs/protocol.md, Workshops).

No workshop's rules apply yet, so, like ``CreateRoom``, its schema stands alone; the
server creates the tables' rooms from it, then the workshop (``room/workshops.py``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..commands import CreateRoom
from .model import MAX_COUNT_TABLES, MAX_TABLE_SIZE, MIN_TABLES, Seating, Steering, TablesMode


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class TableSize(_Strict):
    min: Annotated[int, Field(ge=2, le=MAX_TABLE_SIZE)]
    max: Annotated[int, Field(ge=2, le=MAX_TABLE_SIZE)]

    @model_validator(mode="after")
    def _ordered(self) -> TableSize:
        if self.min > self.max:
            raise ValueError("min must not be more than max")
        return self


class TablesSpec(_Strict):
    """``{"count": n}`` or ``{"size": {"min": a, "max": b}}``: exactly one."""

    count: Annotated[int, Field(ge=MIN_TABLES, le=MAX_COUNT_TABLES)] | None = None
    size: TableSize | None = None

    @model_validator(mode="after")
    def _one(self) -> TablesSpec:
        if (self.count is None) == (self.size is None):
            raise ValueError('give either "count" or "size"')
        return self

    def mode(self) -> TablesMode:
        if self.size is not None:
            return TablesMode(min=self.size.min, max=self.size.max)
        return TablesMode(count=self.count)


class CreateWorkshop(CreateRoom):
    """``create_room`` with ``tables``: a workshop of several tables instead of a room."""

    tables: TablesSpec
    plan: None = None
    """A workshop keeps no session plan (its tables have no planned-time panel): a plan
    sent with ``tables`` is refused rather than dropped."""
    seating: Seating = "spread"
    steering: Steering = "tables"
