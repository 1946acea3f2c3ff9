/**
 * The board with every pawn: a scale (row of squares) or the quadrant field.
 *
 * Placing: click a square/point, drag (pointer down, move, release where you want it), or
 * with the keyboard: focus the board, arrow keys choose (announced via aria-live), Enter
 * or Space places. First placements are circles, second (revised) placements are squares
 * marked "2"; once both exist the first ones fade and the shift is drawn (quadrant) or
 * listed (scale).
 */

import { useRef, useState } from "preact/hooks";
import type { TargetedKeyboardEvent } from "preact";
import { language, t } from "../i18n";
import type { Player, Position, QuadrantPosition, Round, ScalePosition, View } from "../protocol";
import { activePlayers, currentRound, initials, local } from "../state/selectors";
import { Pawn } from "./common";

export interface BoardProps {
  view: View;
  cardId: string;
  /** This viewer may place now (has a seat, phase place or revise, this is the current card). */
  canPlace: boolean;
  onPlace?: (position: Position) => void;
  /** A placement queued while offline, shown until the server confirms it. */
  pending?: Position | null;
  large?: boolean;
}

type Placed = { player: Player; round: Round; position: Position };

function placedOn(view: View, cardId: string): { placed: Placed[]; hiddenCount: Record<Round, number> } {
  const placements = view.placements[cardId];
  const placed: Placed[] = [];
  const hiddenCount: Record<Round, number> = { first: 0, second: 0 };
  if (!placements) return { placed, hiddenCount };
  const showSecond =
    view.phase === "revise" || view.current_card_id !== cardId || Object.keys(placements.second.positions).length > 0;
  const rounds: Round[] = showSecond ? ["first", "second"] : ["first"];
  for (const round of rounds) {
    for (const [playerId, position] of Object.entries(placements[round]?.positions ?? {})) {
      const player = view.players[playerId];
      if (!player) continue;
      if (position === null) hiddenCount[round] += 1;
      else placed.push({ player, round, position });
    }
  }
  return { placed, hiddenCount };
}

function roundNow(view: View, cardId: string): Round {
  return view.current_card_id === cardId ? currentRound(view.phase) : "second";
}

export function Board(props: BoardProps) {
  const { view, cardId } = props;
  const { placed, hiddenCount } = placedOn(view, cardId);
  const round = roundNow(view, cardId);
  const bothRounds = placed.some((p) => p.round === "second");
  const spec = view.board.spec;
  const lang = language();
  const hidden = hiddenCount[round] > 0 || hiddenCount.first > 0;
  return (
    <section class={`board-wrap ${props.large ? "board-large" : ""}`} aria-label={t("board.title")}>
      {view.board.kind === "scale" ? (
        <ScaleBoard {...props} placed={placed} bothRounds={bothRounds} />
      ) : (
        <QuadrantBoard {...props} placed={placed} bothRounds={bothRounds} />
      )}
      <div class="board-legend">
        <span>
          <span class="legend-mark legend-first" aria-hidden="true" /> {local(spec.placements.first, lang)}
        </span>
        <span>
          <span class="legend-mark legend-second" aria-hidden="true">
            2
          </span>{" "}
          {local(spec.placements.second, lang)}
        </span>
        {hidden ? (
          <span class="hidden-note" data-testid="hidden-note">
            {t("board.hidden", { count: hiddenCount[round] || hiddenCount.first })}
          </span>
        ) : null}
      </div>
      {view.board.kind === "scale" && bothRounds ? <ScaleShifts view={view} placed={placed} /> : null}
    </section>
  );
}

type InnerProps = BoardProps & { placed: Placed[]; bothRounds: boolean };

function ScaleShifts({ view, placed }: { view: View; placed: Placed[] }) {
  const rows = activePlayers(view)
    .map((player) => {
      const first = placed.find((p) => p.player.id === player.id && p.round === "first");
      const second = placed.find((p) => p.player.id === player.id && p.round === "second");
      return { player, first, second };
    })
    .filter((r) => r.first && r.second);
  if (rows.length === 0) return null;
  return (
    <ul class="shift-list" aria-label={t("board.shifts")} data-testid="shift-list">
      {rows.map(({ player, first, second }) => {
        const a = (first!.position as ScalePosition).square;
        const b = (second!.position as ScalePosition).square;
        return (
          <li key={player.id}>
            <Pawn player={player} small /> {a} → {b}{" "}
            <span class="shift-delta">({b - a > 0 ? `+${b - a}` : b - a === 0 ? "±0" : b - a})</span>
          </li>
        );
      })}
    </ul>
  );
}

function Announcer({ text }: { text: string }) {
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="board-announcer">
      {text}
    </div>
  );
}

function ScaleBoard({ view, cardId, canPlace, onPlace, pending, placed, bothRounds }: InnerProps) {
  const lang = language();
  const squares = view.board.spec.squares ?? [];
  const size = view.board.size;
  const me = view.me.player_id;
  const round = roundNow(view, cardId);
  const mine = placed.find((p) => p.player.id === me && p.round === round)?.position as ScalePosition | undefined;
  const [cursor, setCursor] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");
  const [dragging, setDragging] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const value = cursor ?? mine?.square ?? Math.ceil(size / 2);
  const labelOf = (square: number): string => `${square} — ${local(squares[square - 1], lang)}`;

  const place = (square: number): void => {
    if (!canPlace || !onPlace) return;
    onPlace({ square });
    setCursor(null);
    setAnnounce(t("board.placed", { value: labelOf(square) }));
  };
  const squareAt = (x: number, y: number): number | null => {
    const cells = ref.current?.querySelectorAll<HTMLElement>("[data-square]") ?? [];
    for (const cell of Array.from(cells)) {
      const r = cell.getBoundingClientRect();
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return Number(cell.dataset.square);
    }
    return null;
  };
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>): void => {
    if (!canPlace) return;
    let next = value;
    if (e.key === "ArrowRight" || e.key === "ArrowUp") next = Math.min(size, value + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowDown") next = Math.max(1, value - 1);
    else if (e.key === "Home") next = 1;
    else if (e.key === "End") next = size;
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      place(value);
      return;
    } else return;
    e.preventDefault();
    setCursor(next);
    setAnnounce(t("board.choice", { value: labelOf(next) }));
  };
  const pendingSquare = pending && "square" in pending ? pending.square : null;

  return (
    <div
      ref={ref}
      class={`scale ${canPlace ? "placing" : ""}`}
      data-testid="board"
      style={{ "--squares": String(size) }}
      role={canPlace ? "slider" : "group"}
      tabIndex={canPlace ? 0 : undefined}
      aria-label={canPlace ? t("board.slider_label") : t("board.title")}
      aria-valuemin={canPlace ? 1 : undefined}
      aria-valuemax={canPlace ? size : undefined}
      aria-valuenow={canPlace ? value : undefined}
      aria-valuetext={canPlace ? labelOf(value) : undefined}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        if (!canPlace) return;
        (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
        setDragging(true);
        const s = squareAt(e.clientX, e.clientY);
        if (s) setCursor(s);
      }}
      onPointerMove={(e) => {
        if (!dragging) return;
        const s = squareAt(e.clientX, e.clientY);
        if (s) setCursor(s);
      }}
      onPointerUp={(e) => {
        if (!dragging) return;
        setDragging(false);
        const s = squareAt(e.clientX, e.clientY);
        if (s) place(s);
      }}
      onPointerCancel={() => setDragging(false)}
    >
      {Array.from({ length: size }, (_, i) => i + 1).map((square) => {
        const here = placed.filter((p) => (p.position as ScalePosition).square === square);
        const chosen = canPlace && cursor === square;
        return (
          <div
            key={square}
            data-square={square}
            class={`square ${chosen ? "square-chosen" : ""} ${mine?.square === square ? "square-mine" : ""}`}
          >
            <div class="square-number">{square}</div>
            <div class="square-pawns">
              {here.map((p) => (
                <Pawn
                  key={`${p.player.id}-${p.round}`}
                  player={p.player}
                  round={p.round}
                  faded={bothRounds && p.round === "first"}
                />
              ))}
              {pendingSquare === square ? <span class="pawn pawn-pending">{t("board.pending")}</span> : null}
            </div>
            <div class="square-label">{local(squares[square - 1], lang)}</div>
          </div>
        );
      })}
      {canPlace ? <Announcer text={announce} /> : null}
    </div>
  );
}

const STEP = 0.1;

function clamp(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, v)) * 100) / 100;
}

function QuadrantBoard({ view, cardId, canPlace, onPlace, pending, placed, bothRounds }: InnerProps) {
  const lang = language();
  const spec = view.board.spec;
  const me = view.me.player_id;
  const round = roundNow(view, cardId);
  const mine = placed.find((p) => p.player.id === me && p.round === round)?.position as QuadrantPosition | undefined;
  const [cursor, setCursor] = useState<QuadrantPosition | null>(null);
  const [dragging, setDragging] = useState(false);
  const [announce, setAnnounce] = useState("");
  const ref = useRef<SVGSVGElement>(null);
  const value = cursor ?? mine ?? { x: 0, y: 0 };
  const xLow = local(spec.x_axis?.low, lang);
  const xHigh = local(spec.x_axis?.high, lang);
  const yLow = local(spec.y_axis?.low, lang);
  const yHigh = local(spec.y_axis?.high, lang);
  const describe = (p: QuadrantPosition): string =>
    t("board.quadrant_value", {
      x: p.x.toFixed(1),
      xdir: p.x < 0 ? xLow : p.x > 0 ? xHigh : t("board.middle"),
      y: p.y.toFixed(1),
      ydir: p.y < 0 ? yLow : p.y > 0 ? yHigh : t("board.middle"),
    });

  const place = (p: QuadrantPosition): void => {
    if (!canPlace || !onPlace) return;
    onPlace({ x: clamp(p.x), y: clamp(p.y) });
    setCursor(null);
    setAnnounce(t("board.placed", { value: describe(p) }));
  };
  const pointAt = (clientX: number, clientY: number): QuadrantPosition | null => {
    const r = ref.current?.getBoundingClientRect();
    if (!r || r.width === 0) return null;
    return { x: clamp(((clientX - r.left) / r.width) * 2 - 1), y: clamp(1 - ((clientY - r.top) / r.height) * 2) };
  };
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>): void => {
    if (!canPlace) return;
    const step = e.shiftKey ? 0.25 : STEP;
    let next = value;
    if (e.key === "ArrowRight") next = { x: clamp(value.x + step), y: value.y };
    else if (e.key === "ArrowLeft") next = { x: clamp(value.x - step), y: value.y };
    else if (e.key === "ArrowUp") next = { x: value.x, y: clamp(value.y + step) };
    else if (e.key === "ArrowDown") next = { x: value.x, y: clamp(value.y - step) };
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      place(value);
      return;
    } else return;
    e.preventDefault();
    setCursor(next);
    setAnnounce(t("board.choice", { value: describe(next) }));
  };

  const byPlayer = new Map<string, { first?: QuadrantPosition; second?: QuadrantPosition; player: Player }>();
  for (const p of placed) {
    const entry = byPlayer.get(p.player.id) ?? { player: p.player };
    entry[p.round] = p.position as QuadrantPosition;
    byPlayer.set(p.player.id, entry);
  }
  const pendingPoint = pending && "x" in pending ? pending : null;

  return (
    <div class="quadrant-wrap">
      <div class="axis-label axis-top">▲ {yHigh}</div>
      <div class="quadrant-row">
        <div class="axis-label axis-left">◀ {xLow}</div>
        <div
          class="quadrant-focus"
          data-testid="board"
          role={canPlace ? "application" : "img"}
          tabIndex={canPlace ? 0 : undefined}
          aria-label={canPlace ? t("board.quadrant_label", { value: describe(value) }) : t("board.title")}
          onKeyDown={onKeyDown}
        >
        <svg
          ref={ref}
          class={`quadrant ${canPlace ? "placing" : ""}`}
          viewBox="-1 -1 2 2"
          preserveAspectRatio="none"
          aria-hidden="true"
          onPointerDown={(e) => {
            if (!canPlace) return;
            (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
            setDragging(true);
            const p = pointAt(e.clientX, e.clientY);
            if (p) setCursor(p);
          }}
          onPointerMove={(e) => {
            if (!dragging) return;
            const p = pointAt(e.clientX, e.clientY);
            if (p) setCursor(p);
          }}
          onPointerUp={(e) => {
            if (!dragging) return;
            setDragging(false);
            const p = pointAt(e.clientX, e.clientY);
            if (p) place(p);
          }}
          onPointerCancel={() => setDragging(false)}
        >
          <defs>
            {[...byPlayer.values()].map(({ player }) => (
              <marker
                key={player.id}
                id={`arrow-${player.id}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="5"
                markerHeight="5"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={player.colour} />
              </marker>
            ))}
          </defs>
          <rect x="-1" y="-1" width="1" height="1" class="q q1" />
          <rect x="0" y="-1" width="1" height="1" class="q q2" />
          <rect x="-1" y="0" width="1" height="1" class="q q3" />
          <rect x="0" y="0" width="1" height="1" class="q q4" />
          <line x1="-1" y1="0" x2="1" y2="0" class="axis" />
          <line x1="0" y1="-1" x2="0" y2="1" class="axis" />
          {bothRounds
            ? [...byPlayer.values()]
                .filter((e) => e.first && e.second)
                .map(({ player, first, second }) => (
                  <line
                    key={`shift-${player.id}`}
                    class="shift-arrow"
                    x1={first!.x}
                    y1={-first!.y}
                    x2={second!.x}
                    y2={-second!.y}
                    stroke={player.colour}
                    marker-end={`url(#arrow-${player.id})`}
                  />
                ))
            : null}
          {placed.map((p) => {
            const pos = p.position as QuadrantPosition;
            const faded = bothRounds && p.round === "first";
            return (
              <g
                key={`${p.player.id}-${p.round}`}
                class={`qpawn qpawn-${p.round} ${faded ? "pawn-faded" : ""}`}
                transform={`translate(${pos.x} ${-pos.y})`}
              >
                <title>{`${p.player.name} · ${t(p.round === "first" ? "board.first" : "board.second")}`}</title>
                {p.round === "first" ? (
                  <circle r="0.09" fill={p.player.colour} />
                ) : (
                  <rect x="-0.085" y="-0.085" width="0.17" height="0.17" rx="0.025" fill={p.player.colour} />
                )}
                <text class="qpawn-text" text-anchor="middle" dominant-baseline="central">
                  {initials(p.player.name)}
                </text>
              </g>
            );
          })}
          {canPlace && cursor ? (
            <circle class="qcursor" cx={cursor.x} cy={-cursor.y} r="0.09" data-testid="quadrant-cursor" />
          ) : null}
          {pendingPoint ? <circle class="qpending" cx={pendingPoint.x} cy={-pendingPoint.y} r="0.08" /> : null}
        </svg>
        </div>
        <div class="axis-label axis-right">{xHigh} ▶</div>
      </div>
      <div class="axis-label axis-bottom">▼ {yLow}</div>
      {canPlace ? <Announcer text={announce} /> : null}
    </div>
  );
}
