/** The quadrant: a field of two axes, now (circles) and desired (squares, marked 2). */

import { useRef } from "preact/hooks";
import { language, t, tCount } from "../../i18n";
import { decimal } from "../../i18n/numbers";
import type { QuadrantPosition } from "../../protocol";
import { initials, local } from "../../state/selectors";
import { inkOn } from "../../state/ink";
import { clamp, crowdLabelAt, layOutQuadrant, pawnKey, pointIn, quadrantKey, type Placed } from "../../layout/board";
import { Announcer } from "./parts";
import type { BoardProps } from "./Board";
import { usePlacement } from "./usePlacement";

export interface QuadrantBoardProps extends BoardProps {
  placed: Placed<QuadrantPosition>[];
  /** My own pawn of the round being placed. */
  mine: QuadrantPosition | undefined;
  bothRounds: boolean;
}

const ORIGIN: QuadrantPosition = { x: 0, y: 0 };

export function QuadrantBoard({ view, canPlace, onPlace, pending, placed, mine, bothRounds }: QuadrantBoardProps) {
  const lang = language();
  const spec = view.board.spec;
  const ref = useRef<SVGSVGElement>(null);
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
  const placement = usePlacement<QuadrantPosition>({
    canPlace,
    place: onPlace ? (p) => onPlace({ x: clamp(p.x), y: clamp(p.y) }) : undefined,
    start: mine ?? ORIGIN,
    describe,
    at: (x, y) => {
      const rect = ref.current?.getBoundingClientRect();
      return rect ? pointIn(rect, x, y) : null;
    },
    step: quadrantKey,
  });
  const { cursor, value } = placement;
  const pendingPoint = pending && "x" in pending ? pending : null;
  const { pawns, ghosts, shown, moves, meanShift, crowds } = layOutQuadrant(placed, bothRounds);
  const at = (p: Placed<QuadrantPosition>): { x: number; y: number } => shown.get(pawnKey(p)) ?? p.position;
  const drawnAt = (playerId: string, round: "first" | "second", fallback: QuadrantPosition): { x: number; y: number } =>
    shown.get(`${playerId}-${round}`) ?? fallback;

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
          onKeyDown={placement.onKeyDown}
        >
          <svg
            ref={ref}
            class={`quadrant ${canPlace ? "placing" : ""}`}
            viewBox="-1 -1 2 2"
            preserveAspectRatio="none"
            aria-hidden="true"
            onPointerDown={placement.onPointerDown}
            onPointerMove={placement.onPointerMove}
            onPointerUp={placement.onPointerUp}
            onPointerCancel={placement.onPointerCancel}
          >
            <defs>
              <marker id="arrow-mean" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="3.5" markerHeight="3.5" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" class="mean-shift-head" />
              </marker>
              {moves.map(({ player }) => (
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
              ? moves.map(({ player, first, second }) => {
                  const from = drawnAt(player.id, "first", first);
                  const to = drawnAt(player.id, "second", second);
                  return (
                    <line
                      key={`shift-${player.id}`}
                      class="shift-arrow"
                      x1={from.x}
                      y1={-from.y}
                      x2={to.x}
                      y2={-to.y}
                      stroke={player.colour}
                      marker-end={`url(#arrow-${player.id})`}
                    />
                  );
                })
              : null}
            {ghosts.map(({ id, p }) => (
              <circle key={id} class="qghost" cx={at(p).x} cy={-at(p).y} r="0.045" fill={p.player.colour} data-testid="ghost-pawn">
                <title>{`${p.player.name} · ${t("board.first")}`}</title>
              </circle>
            ))}
            {pawns.map(({ id, p }) => {
              const pos = at(p);
              const faded = bothRounds && p.round === "first";
              return (
                <g
                  key={id}
                  class={`qpawn qpawn-${p.round} ${faded ? "pawn-faded" : ""} ${p.secret ? "qpawn-secret" : ""}`}
                  transform={`translate(${pos.x} ${-pos.y})`}
                  style={{ "--pawn": p.player.colour, "--pawn-ink": inkOn(p.player.colour) }}
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
              const first = group.filter((m) => m.p.round === "first").length;
              const second = group.length - first;
              const label = [first ? `● ${first}` : "", second ? `■ ${second}` : ""].filter(Boolean).join("  ");
              const where = crowdLabelAt(group, shown);
              return (
                <g key={group[0].id} class="qcount" transform={`translate(${where.x} ${-where.y})`} data-testid="crowd-count">
                  <title>
                    {[first ? tCount("board.crowd_first", first) : "", second ? tCount("board.crowd_second", second) : ""]
                      .filter(Boolean)
                      .join(", ")}
                  </title>
                  <text text-anchor="end" dominant-baseline="central">
                    {label}
                  </text>
                </g>
              );
            })}
            {canPlace && cursor ? <circle class="qcursor" cx={cursor.x} cy={-cursor.y} r="0.09" data-testid="quadrant-cursor" /> : null}
            {pendingPoint ? <circle class="qpending" cx={pendingPoint.x} cy={-pendingPoint.y} r="0.08" /> : null}
          </svg>
        </div>
        <div class="axis-label axis-right">{xHigh} ▶</div>
      </div>
      <div class="axis-label axis-bottom">▼ {yLow}</div>
      {/* The drawing is hidden from screen readers; every pawn's position, in words. */}
      <ul class="sr-only" aria-label={t("board.positions")} data-testid="quadrant-positions">
        {placed.map((p) => (
          <li key={pawnKey(p)}>
            {p.player.name}, {t(p.round === "first" ? "board.first" : "board.second")}
            {p.secret ? ` (${t("board.secret_one")})` : ""}: {describe(p.position)}
          </li>
        ))}
      </ul>
      {canPlace ? <Announcer text={placement.announce} /> : null}
    </div>
  );
}
