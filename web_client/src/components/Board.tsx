/**
 * The board with every pawn: a scale (row of squares) or the quadrant field.
 *
 * Placing: click a square/point, drag (pointer down, move, release where you want it), or
 * with the keyboard: focus the board, arrow keys choose (announced via aria-live), Enter
 * or Space places. First placements are circles, second (revised) placements are squares
 * marked "2"; once both exist the first ones fade and the shift is drawn (quadrant) or
 * listed (scale).
 */

import { useEffect, useRef, useState } from "preact/hooks";
import type { TargetedKeyboardEvent } from "preact";
import { language, t } from "../i18n";
import { decimal } from "../i18n/numbers";
import type { Player, Position, QuadrantPosition, Round, ScalePosition, View } from "../protocol";
import { activePlayers, currentRound, initials, local } from "../state/selectors";
import { Pawn } from "./common";
import { clusters, fitPawns, layOut, type Fit } from "../state/crowd";
import { storage } from "../state/storage";

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

/** `secret`: still hidden from the room; this viewer (the facilitator) sees it anyway. */
type Placed = { player: Player; round: Round; position: Position; secret?: boolean };

function placedOn(view: View, cardId: string): { placed: Placed[]; hiddenCount: Record<Round, number> } {
  const placements = view.placements[cardId];
  const placed: Placed[] = [];
  const hiddenCount: Record<Round, number> = { first: 0, second: 0 };
  if (!placements) return { placed, hiddenCount };
  const me = view.me.player_id;
  const showSecond =
    view.phase === "revise" || view.current_card_id !== cardId || Object.keys(placements.second.positions).length > 0;
  const rounds: Round[] = showSecond ? ["first", "second"] : ["first"];
  for (const round of rounds) {
    for (const [playerId, position] of Object.entries(placements[round]?.positions ?? {})) {
      const player = view.players[playerId];
      if (!player) continue;
      if (position === null) hiddenCount[round] += 1;
      else placed.push({ player, round, position, secret: placements[round].hidden && playerId !== me });
    }
  }
  return { placed, hiddenCount };
}

function roundNow(view: View, cardId: string): Round {
  return view.current_card_id === cardId ? currentRound(view.phase) : "second";
}

/** Whether this browser covers pawns hidden from the room (remembered: the facilitator's
 * laptop on the shared screen stays covered from card to card). */
const COVER_KEY = "lk:cover-hidden";

function useCover(): [boolean, (cover: boolean) => void] {
  const [cover, setCover] = useState(() => storage.getItem(COVER_KEY) === "1");
  return [
    cover,
    (next: boolean) => {
      storage.setItem(COVER_KEY, next ? "1" : "0");
      setCover(next);
    },
  ];
}

export function Board(props: BoardProps) {
  const { view, cardId } = props;
  const all = placedOn(view, cardId);
  const [cover, setCover] = useCover();
  const secrets = all.placed.filter((p) => p.secret).length;
  // Covered: the facilitator's board shows what the room sees, a count of hidden pawns.
  const placed = cover ? all.placed.filter((p) => !p.secret) : all.placed;
  const hiddenCount = { ...all.hiddenCount };
  if (cover) for (const p of all.placed) if (p.secret) hiddenCount[p.round] += 1;
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
        {view.board.kind === "quadrant" && bothRounds && placed.filter((p) => p.round === "second").length > MANY_ARROWS ? (
          <span>
            <span class="legend-mean" aria-hidden="true">
              ➜
            </span>{" "}
            {t("board.mean_shift")}
          </span>
        ) : null}
        {hidden ? (
          <span class="hidden-note" data-testid="hidden-note">
            {t("board.hidden", { count: hiddenCount[round] || hiddenCount.first })}
          </span>
        ) : null}
        {secrets > 0 && !cover ? (
          <span class="hidden-note secret-note" data-testid="secret-note">
            <span class="legend-mark legend-secret" aria-hidden="true" /> {t("board.secret", { count: secrets })}
          </span>
        ) : null}
        {secrets > 0 ? (
          <button
            type="button"
            class="btn btn-small"
            aria-pressed={cover}
            data-testid="cover-hidden"
            onClick={() => setCover(!cover)}
          >
            {t("board.cover")}
          </button>
        ) : null}
      </div>
      {view.board.kind === "scale" && bothRounds ? <ScaleShifts view={view} placed={placed} large={props.large} /> : null}
    </section>
  );
}

type InnerProps = BoardProps & { placed: Placed[]; bothRounds: boolean };

function ScaleShifts({ view, placed, large = false }: { view: View; placed: Placed[]; large?: boolean }) {
  const rows = activePlayers(view)
    .map((player) => {
      const first = placed.find((p) => p.player.id === player.id && p.round === "first");
      const second = placed.find((p) => p.player.id === player.id && p.round === "second");
      return { player, first, second };
    })
    .filter((r) => r.first && r.second);
  if (rows.length === 0) return null;
  if (rows.length > MANY_SHIFTS) {
    const delta = (r: (typeof rows)[number]): number =>
      (r.second!.position as ScalePosition).square - (r.first!.position as ScalePosition).square;
    const up = rows.filter((r) => delta(r) > 0).length;
    const down = rows.filter((r) => delta(r) < 0).length;
    return (
      <div class="shift-summary" data-testid="shift-summary">
        <p>
          <strong>{t("board.shifts")}:</strong> {t("board.shift_summary", { up, same: rows.length - up - down, down })}
        </p>
        {large ? null : (
          <details>
            <summary>{t("board.shift_each")}</summary>
            <ShiftList rows={rows} />
          </details>
        )}
      </div>
    );
  }
  return <ShiftList rows={rows} />;
}

/** More players than this: the shifts are counted (up, same, down) instead of listed. */
const MANY_SHIFTS = 8;

function ShiftList({ rows }: { rows: { player: Player; first?: Placed; second?: Placed }[] }) {
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

interface PawnAreas {
  /** The normal pawn size (px) on this board. */
  pawn: number;
  /** Inner width and height (px) of each square's pawn area, by square number. */
  sizes: Record<number, { width: number; height: number }>;
}

/** The inner size of every square's pawn area and the normal pawn size there, live. */
function usePawnAreas(board: { current: HTMLElement | null }, squares: number): PawnAreas | null {
  const [areas, setAreas] = useState<PawnAreas | null>(null);
  useEffect(() => {
    const el = board.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const cells = Array.from(el.querySelectorAll<HTMLElement>(".square-pawns"));
    const measure = (): void => {
      const sizes: PawnAreas["sizes"] = {};
      for (const cell of cells) {
        const style = getComputedStyle(cell);
        sizes[Number(cell.dataset.pawnsOf)] = {
          width: cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          height: cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
        };
      }
      const pawn = el.querySelector<HTMLElement>(".pawn-probe")?.offsetWidth ?? 0;
      setAreas((old) => (old && old.pawn === pawn && sameSizes(old.sizes, sizes) ? old : { pawn, sizes }));
    };
    const observer = new ResizeObserver(measure);
    for (const cell of cells) observer.observe(cell);
    measure();
    return () => observer.disconnect();
  }, [board, squares]);
  return areas;
}

function sameSizes(a: PawnAreas["sizes"], b: PawnAreas["sizes"]): boolean {
  const keys = Object.keys(b);
  return (
    keys.length === Object.keys(a).length &&
    keys.every((k) => {
      const x = a[Number(k)];
      const y = b[Number(k)];
      return x !== undefined && Math.abs(x.width - y.width) < 1 && Math.abs(x.height - y.height) < 1;
    })
  );
}

/** Pawns per round on one spot, when it is crowded: circle = first, square = second. */
function CrowdCount({ first, second }: { first: number; second: number }) {
  return (
    <span class="crowd-count" data-testid="crowd-count">
      {first > 0 ? (
        <span class="crowd-count-round" title={t("board.crowd_first", { count: first })}>
          <span class="legend-mark legend-first" aria-hidden="true" /> {first}
          <span class="sr-only"> {t("board.crowd_first", { count: first })}</span>
        </span>
      ) : null}
      {second > 0 ? (
        <span class="crowd-count-round" title={t("board.crowd_second", { count: second })}>
          <span class="legend-mark legend-second" aria-hidden="true" /> {second}
          <span class="sr-only"> {t("board.crowd_second", { count: second })}</span>
        </span>
      ) : null}
    </span>
  );
}

/** A square holding this many pawns (or pawns this much smaller) counts them. */
const CROWDED = 5;

function ScaleBoard(props: InnerProps) {
  const { view, cardId, canPlace, onPlace, pending, placed, bothRounds } = props;
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
  const areas = usePawnAreas(ref, size);
  // On a page that scrolls (not the projector) crowded squares grow rather than shrink
  // their pawns much: every square gets the height the most crowded one needs (at 80% size
  // when crowded; up to 280 px, past that the pawns shrink or stack).
  const most = Math.max(0, ...Array.from({ length: size }, (_, i) => placed.filter((p) => (p.position as ScalePosition).square === i + 1).length));
  const width = areas?.sizes[1]?.width ?? 0;
  const cell = (areas?.pawn ?? 0) * (most >= CROWDED ? 0.8 : 1) + 6;
  const grow = !props.large && areas && width > 0 && most > 0 ? Math.min(280, Math.ceil(most / Math.max(1, Math.floor(width / cell))) * cell + 8) : 0;
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
        const pendingHere = pendingSquare === square ? 1 : 0;
        const box = areas?.sizes[square];
        const fit: Fit =
          areas && box
            ? fitPawns(here.length + pendingHere, box.width, box.height, areas.pawn, 6)
            : { scale: 1, overlapX: 0, overlapY: 0, fits: true };
        const crowded = here.length >= CROWDED || (fit.scale < 1 && here.length > 2);
        const firsts = here.filter((p) => p.round === "first").length;
        return (
          <div
            key={square}
            data-square={square}
            data-pawns={here.length}
            class={`square ${chosen ? "square-chosen" : ""} ${mine?.square === square ? "square-mine" : ""}`}
          >
            <div class="square-number">
              {square}
              {crowded ? <CrowdCount first={firsts} second={here.length - firsts} /> : null}
            </div>
            <div class="square-pawns" data-pawns-of={square} style={grow ? { minHeight: `${grow}px` } : undefined}>
              {square === 1 ? <span class="pawn pawn-probe" aria-hidden="true" /> : null}
              <div
                class={`square-pawns-inner ${fit.scale < 1 ? "square-crowded" : ""} ${fit.overlapX > 0 ? "square-stacked" : ""}`}
                style={{
                  "--pawn-scale": String(fit.scale),
                  "--pawn-overlap-x": String(fit.overlapX),
                  "--pawn-overlap-y": String(fit.overlapY),
                  // the last pawn of a row is not covered: keep room for its full width
                  paddingRight: areas && fit.overlapX > 0 ? `${areas.pawn * fit.scale * fit.overlapX}px` : undefined,
                }}
              >
                {(bothRounds ? [...here].sort((a, b) => (a.round === b.round ? 0 : a.round === "second" ? -1 : 1)) : here).map((p) => (
                  <Pawn
                    key={`${p.player.id}-${p.round}`}
                    player={p.player}
                    round={p.round}
                    faded={bothRounds && p.round === "first"}
                    secret={p.secret}
                  />
                ))}
                {pendingSquare === square ? <span class="pawn pawn-pending">{t("board.pending")}</span> : null}
              </div>
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
/** Quadrant pawns closer than this count as one spot; none is drawn closer than PAWN_DISTANCE
 * to another (the field is 2 wide, a pawn 0.18). */
const CLUSTER_RADIUS = 0.14;
const PAWN_DISTANCE = 0.185;
/** More players than this: the quadrant draws the group's mean shift, not each arrow. */
const MANY_ARROWS = 8;

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

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
      x: decimal(p.x, lang),
      xdir: p.x < 0 ? xLow : p.x > 0 ? xHigh : t("board.middle"),
      y: decimal(p.y, lang),
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
  // Pawns on (almost) the same spot are drawn side by side around it (see state/crowd.ts).
  // Many players: one arrow for the group (mean of the first to mean of the second
  // placements) instead of a tangle of personal arrows, and the first placements drawn as
  // small ghosts where they were (a cloud, no initials) so the revised pawns have room.
  const moved = [...byPlayer.values()].filter((e) => e.first && e.second);
  const meanShift =
    bothRounds && moved.length > MANY_ARROWS
      ? {
          from: { x: mean(moved.map((e) => e.first!.x)), y: mean(moved.map((e) => e.first!.y)) },
          to: { x: mean(moved.map((e) => e.second!.x)), y: mean(moved.map((e) => e.second!.y)) },
        }
      : null;
  const ghosts = meanShift !== null;
  const asPoint = (p: Placed) => ({
    id: `${p.player.id}-${p.round}`,
    x: (p.position as QuadrantPosition).x,
    y: (p.position as QuadrantPosition).y,
    p,
  });
  const laidOut = placed.filter((p) => !(ghosts && p.round === "first")).map(asPoint);
  const ghostPoints = ghosts ? placed.filter((p) => p.round === "first").map(asPoint) : [];
  // Pawns on (almost) the same spot are drawn side by side around it (see state/crowd.ts).
  const shown = layOut(laidOut, CLUSTER_RADIUS, PAWN_DISTANCE, 0.91);
  // Ghosts are small: laid out the same way at half the distance, so a crowd stays a crowd.
  for (const [id, where] of layOut(ghostPoints, CLUSTER_RADIUS / 2, PAWN_DISTANCE / 2, 0.95)) shown.set(id, where);
  const at = (playerId: string, round: Round, fallback: QuadrantPosition): { x: number; y: number } =>
    shown.get(`${playerId}-${round}`) ?? fallback;
  const crowds = clusters(laidOut, CLUSTER_RADIUS).filter((g) => g.length >= CROWDED);

  return (
    <div class="quadrant-wrap">
      <div class="axis-label axis-top">▲ {yHigh}</div>
      <div class="quadrant-row">
        <div class="axis-label axis-left">◀ {xLow}</div>
        <div
          class="quadrant-focus"
          data-testid="board"
          role={canPlace ? "application" : "group"}
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
            <marker id="arrow-mean" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="3.5" markerHeight="3.5" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" class="mean-shift-head" />
            </marker>
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
          {bothRounds && !meanShift
            ? [...byPlayer.values()]
                .filter((e) => e.first && e.second)
                .map(({ player, first, second }) => (
                  <line
                    key={`shift-${player.id}`}
                    class="shift-arrow"
                    x1={at(player.id, "first", first!).x}
                    y1={-at(player.id, "first", first!).y}
                    x2={at(player.id, "second", second!).x}
                    y2={-at(player.id, "second", second!).y}
                    stroke={player.colour}
                    marker-end={`url(#arrow-${player.id})`}
                  />
                ))
            : null}
          {ghostPoints.map(({ id, p }) => (
            <circle key={id} class="qghost" cx={shown.get(id)!.x} cy={-shown.get(id)!.y} r="0.045" fill={p.player.colour} data-testid="ghost-pawn">
              <title>{`${p.player.name} · ${t("board.first")}`}</title>
            </circle>
          ))}
          {placed.map((p) => {
            if (ghosts && p.round === "first") return null;
            const pos = at(p.player.id, p.round, p.position as QuadrantPosition);
            const faded = bothRounds && p.round === "first";
            return (
              <g
                key={`${p.player.id}-${p.round}`}
                class={`qpawn qpawn-${p.round} ${faded ? "pawn-faded" : ""} ${p.secret ? "qpawn-secret" : ""}`}
                transform={`translate(${pos.x} ${-pos.y})`}
              >
                <title>{`${p.player.name} · ${t(p.round === "first" ? "board.first" : "board.second")}${p.secret ? ` · ${t("board.secret_one")}` : ""}`}</title>
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
          {meanShift ? (
            <g class="mean-shift" data-testid="mean-shift">
              <title>{t("board.mean_shift")}</title>
              <line class="mean-shift-halo" x1={meanShift.from.x} y1={-meanShift.from.y} x2={meanShift.to.x} y2={-meanShift.to.y} />
              <line x1={meanShift.from.x} y1={-meanShift.from.y} x2={meanShift.to.x} y2={-meanShift.to.y} marker-end="url(#arrow-mean)" />
            </g>
          ) : null}
          {crowds.map((group) => {
            const xs = group.map((m) => shown.get(m.id)!.x);
            const ys = group.map((m) => shown.get(m.id)!.y);
            const first = group.filter((m) => m.p.round === "first").length;
            const second = group.length - first;
            const label = [first ? `● ${first}` : "", second ? `■ ${second}` : ""].filter(Boolean).join("  ");
            const x = Math.min(0.97, Math.max(...xs) + 0.1);
            const y = -Math.min(0.92, Math.max(...ys) + 0.1);
            return (
              <g key={group[0].id} class="qcount" transform={`translate(${x} ${y})`} data-testid="crowd-count">
                <title>
                  {[first ? t("board.crowd_first", { count: first }) : "", second ? t("board.crowd_second", { count: second }) : ""]
                    .filter(Boolean)
                    .join(", ")}
                </title>
                <text text-anchor="end" dominant-baseline="central">
                  {label}
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
      {/* The drawing is hidden from screen readers; every pawn's position, in words. */}
      <ul class="sr-only" aria-label={t("board.positions")} data-testid="quadrant-positions">
        {placed.map((p) => (
          <li key={`${p.player.id}-${p.round}`}>
            {p.player.name}, {t(p.round === "first" ? "board.first" : "board.second")}
            {p.secret ? ` (${t("board.secret_one")})` : ""}: {describe(p.position as QuadrantPosition)}
          </li>
        ))}
      </ul>
      {canPlace ? <Announcer text={announce} /> : null}
    </div>
  );
}
