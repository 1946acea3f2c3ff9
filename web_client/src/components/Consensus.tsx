/**
 * The consensus picture across a workshop's tables (a plenary room's `consensus`): per
 * statement one row with a mark per table on the board (its number, where its pawns ended
 * on average, how far they spread), the tables together, and whether the tables agree.
 * Grouped "Snel eens" and "Stof tot discussie", so a room reads it from 3 m: large marks,
 * numbers and words on every mark, never colour alone. The picture is hidden from screen
 * readers; the same figures are a table for them (and, on request, for everyone).
 */

import { useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { Key } from "../i18n";
import type { BoardKind, ConsensusCard, RoundFigures, TablesConsensus, Verdict, View } from "../protocol";
import { apart, byVerdict, lastRound, roundHalfUp, scaleAt, scaleMarks, VERDICT_ORDER } from "../state/consensusPicture";
import { local } from "../state/selectors";
import { cardLabel } from "./Summary";
import { figureText } from "./figureText";
import { Pager } from "./Pager";

export const CONSENSUS_PARTS = ["consensus", "cards", "board"] as const satisfies readonly (keyof View)[];
export type ConsensusView = Pick<View, (typeof CONSENSUS_PARTS)[number]>;

const VERDICT: Record<Verdict, { key: Key; hint?: Key; icon: string }> = {
  agree: { key: "crosstable.agree", hint: "crosstable.agree_hint", icon: "●" },
  differ: { key: "crosstable.differ", hint: "crosstable.differ_hint", icon: "◆" },
  single: { key: "crosstable.single", icon: "○" },
};

function fmt(n: number | null | undefined): string {
  return figureText(n, language());
}

/** Pawns per square, squares with none left out: "4: 2 · 5: 1" (as the reports write it). */
export function pawnsPerSquare(distribution: Record<string, number> | undefined): string {
  const placed = Object.entries(distribution ?? {})
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a) - Number(b));
  return placed.length ? placed.map(([square, n]) => `${square}: ${n}`).join(" · ") : "–";
}

/**
 * How far apart the tables ended, in words a room reads at a glance ("De tafels liggen
 * gemiddeld 0,8 vakje uit elkaar"), as the reports say it (exports/labels.py `apart`);
 * null for one table. The exact spread between the tables is the figures table's detail.
 */
export function apartText(kind: BoardKind, card: ConsensusCard): string | null {
  const value = apart(kind, card);
  if (value === null) return null;
  if (kind === "scale") {
    const n = roundHalfUp(value, 1);
    if (n === 0) return t("crosstable.apart_same_scale");
    // Dutch counts a part of a square in the singular ("0,8 vakje"), English not.
    const one = n === 1 || (language() === "nl" && n < 1);
    return t(one ? "crosstable.apart_one" : "crosstable.apart_many", { n: figureText(n, language()) });
  }
  const percent = roundHalfUp(value * 100, 0);
  return percent === 0 ? t("crosstable.apart_same_quadrant") : t("crosstable.apart_field", { n: percent });
}

function meanText(mean: RoundFigures["mean"] | undefined): string {
  if (mean === null || mean === undefined) return "–";
  return typeof mean === "number" ? fmt(mean) : `(${fmt(mean.x)}; ${fmt(mean.y)})`;
}

function title(view: ConsensusView, card: ConsensusCard): string {
  const c = view.cards[card.card_id];
  return c ? cardLabel(c) : card.card_id;
}

/** A scale board: the line with its squares, a lane per overlap, the tables together below. */
function ScaleTrack({ view, consensus, card }: { view: ConsensusView; consensus: TablesConsensus; card: ConsensusCard }) {
  const size = view.board.size;
  const marks = scaleMarks(consensus, card, size);
  const lanes = Math.max(1, ...marks.map((m) => m.lane + 1));
  const together = scaleAt(lastRound(card.together)?.mean, size);
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  return (
    <div class="xt-track" style={{ "--lanes": String(lanes) }} aria-hidden="true">
      <div class="xt-line">
        {Array.from({ length: size }, (_, i) => (
          <span key={i} class="xt-tick" style={{ left: pct(i / (size - 1)) }}>
            {i + 1}
          </span>
        ))}
      </div>
      {marks.map((m) =>
        m.last === null ? null : (
          <div key={m.tableId} class="xt-mark" style={{ "--lane": String(m.lane) }}>
            {m.half !== null ? <span class="xt-spread" style={{ left: pct(Math.max(0, m.last - m.half)), width: pct(Math.min(1, m.last + m.half) - Math.max(0, m.last - m.half)) }} /> : null}
            {m.first !== null ? (
              <>
                <span class="xt-move" style={{ left: pct(Math.min(m.first, m.last)), width: pct(Math.abs(m.last - m.first)) }} />
                <span class="xt-first" style={{ left: pct(m.first) }} />
              </>
            ) : null}
            <span class="xt-disc" style={{ left: pct(m.last) }} title={m.name}>
              {m.number}
            </span>
          </div>
        ),
      )}
      {together !== null ? (
        <div class="xt-mark xt-together-lane" style={{ "--lane": String(lanes) }}>
          {/* Near the right end the word goes before the diamond, inside the row. */}
          {together > 0.7 ? (
            <span class="xt-together xt-together-end" style={{ left: pct(together) }}>
              {t("crosstable.together")} <span class="xt-diamond">◆</span>
            </span>
          ) : (
            <span class="xt-together" style={{ left: pct(together) }}>
              <span class="xt-diamond">◆</span> {t("crosstable.together")}
            </span>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** A quadrant board: a square field with each table's mark, first (ring) to last (disc). */
function QuadrantField({ view, consensus, card }: { view: ConsensusView; consensus: TablesConsensus; card: ConsensusCard }) {
  const lang = language();
  const spec = view.board.spec;
  const label = (text: Parameters<typeof local>[0] | undefined): string => (text ? local(text, lang) : "");
  // Percent of the field from its left and top edge: the board runs from -1 to 1 on both
  // axes, and y grows upwards on it.
  const part = (v: number): number => (Math.min(1, Math.max(-1, v)) + 1) / 2;
  const point = (mean: RoundFigures["mean"] | undefined): { x: number; y: number } | null =>
    mean && typeof mean === "object" ? { x: part(mean.x) * 100, y: (1 - part(mean.y)) * 100 } : null;
  const at = (mean: RoundFigures["mean"] | undefined): { left: string; top: string } | null => {
    const p = point(mean);
    return p ? { left: `${p.x}%`, top: `${p.y}%` } : null;
  };
  const moves = consensus.tables.flatMap((table) => {
    const rounds = card.tables[table.id];
    const from = rounds?.second && rounds.second.count > 0 ? point(rounds.first?.mean) : null;
    const to = point(lastRound(rounds)?.mean);
    return from && to ? [{ id: table.id, from, to }] : [];
  });
  const together = at(lastRound(card.together)?.mean);
  return (
    <div class="xt-quadrant" aria-hidden="true">
      <span class="xt-axis xt-axis-top">{label(spec.y_axis?.high)}</span>
      <div class="xt-field">
        <span class="xt-field-cross" />
        <svg class="xt-moves" viewBox="0 0 100 100" preserveAspectRatio="none">
          {moves.map((m) => (
            <line key={m.id} x1={m.from.x} y1={m.from.y} x2={m.to.x} y2={m.to.y} />
          ))}
        </svg>
        {consensus.tables.map((table, i) => {
          const rounds = card.tables[table.id];
          const first = rounds?.first && rounds.second && rounds.second.count > 0 ? at(rounds.first.mean) : null;
          const last = at(lastRound(rounds)?.mean);
          if (!last) return null;
          return (
            <span key={table.id}>
              {first ? <span class="xt-first" style={first} /> : null}
              <span class="xt-disc" style={last} title={table.name}>
                {i + 1}
              </span>
            </span>
          );
        })}
        {together ? (
          <span class="xt-together" style={together}>
            <span class="xt-diamond">◆</span>
          </span>
        ) : null}
      </div>
      <span class="xt-axis xt-axis-bottom">{label(spec.y_axis?.low)}</span>
      <span class="xt-axis xt-axis-x">
        <span>← {label(spec.x_axis?.low)}</span>
        <span>{label(spec.x_axis?.high)} →</span>
      </span>
    </div>
  );
}

function CardRow({ view, consensus, card }: { view: ConsensusView; consensus: TablesConsensus; card: ConsensusCard }) {
  const verdict = VERDICT[card.verdict] ?? VERDICT.single;
  const said = apartText(view.board.kind, card);
  return (
    <li class={`xt-row xt-${card.verdict} xt-row-${view.board.kind}`} data-testid="consensus-card" data-verdict={card.verdict}>
      <div class="xt-head">
        <strong class="xt-title">{title(view, card)}</strong>
        <span class={`xt-verdict xt-verdict-${card.verdict}`}>
          <span aria-hidden="true">{verdict.icon}</span> {t(verdict.key)}
        </span>
        {said !== null ? (
          <span class="xt-apart" data-testid="consensus-apart">
            {said}
          </span>
        ) : null}
      </div>
      {view.board.kind === "quadrant" ? <QuadrantField view={view} consensus={consensus} card={card} /> : <ScaleTrack view={view} consensus={consensus} card={card} />}
    </li>
  );
}

/** Which number stands for which table, and what ring, disc and band mean. */
function Legend({ consensus }: { consensus: TablesConsensus }) {
  return (
    <div class="xt-legend" aria-hidden="true">
      <ul class="xt-legend-tables">
        {consensus.tables.map((table, i) => (
          <li key={table.id}>
            <span class="xt-disc xt-disc-inline">{i + 1}</span> {table.name}
          </li>
        ))}
      </ul>
      <p class="xt-legend-marks">
        <span class="xt-first xt-first-inline" /> {t("crosstable.legend_first")} → <span class="xt-disc xt-disc-inline xt-disc-small" /> {t("crosstable.legend_last")} ·{" "}
        <span class="xt-spread-inline" /> {t("crosstable.legend_spread")} · <span class="xt-diamond">◆</span> {t("crosstable.together")}
      </p>
    </div>
  );
}

/** The figures behind the picture, as a table: for screen readers always, for everyone on request. */
export function ConsensusFigures({ view, consensus, visible }: { view: ConsensusView; consensus: TablesConsensus; visible: boolean }) {
  const lang = language();
  const first = local(view.board.spec.placements.first, lang);
  const second = local(view.board.spec.placements.second, lang);
  const scale = view.board.kind === "scale";
  return (
    // The box is what hides it: a table ignores the 1px width of .sr-only and would
    // widen a phone's page to its own width.
    // Shown, it may scroll sideways on a phone: reachable with the keyboard then.
    <div
      class={visible ? "xt-figures-box" : "sr-only"}
      data-testid="consensus-table"
      {...(visible ? { tabIndex: 0, role: "region", "aria-label": t("crosstable.caption") } : {})}
    >
      <table class="xt-figures">
        <caption>{t("crosstable.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("crosstable.table")}</th>
            <th scope="col">
              {first}: {t("figures.mean")}
            </th>
            <th scope="col">
              {first}: {t("figures.spread")}
            </th>
            <th scope="col">
              {second}: {t("figures.mean")}
            </th>
            <th scope="col">
              {second}: {t("figures.spread")}
            </th>
            {scale ? (
              <th scope="col">
                {second}: {t("crosstable.distribution")}
              </th>
            ) : null}
          </tr>
        </thead>
        {consensus.cards.map((card) => {
          const rows = [
            ...consensus.tables.filter((tb) => card.tables[tb.id]).map((tb) => ({ key: tb.id, name: tb.name, rounds: card.tables[tb.id] })),
            { key: "together", name: t("crosstable.together"), rounds: card.together },
          ];
          const verdict = VERDICT[card.verdict] ?? VERDICT.single;
          return (
            <tbody key={card.card_id}>
              <tr>
                <th scope="rowgroup" colSpan={scale ? 6 : 5}>
                  {title(view, card)} — {t(verdict.key)}
                  {card.between !== null ? ` (${apartText(view.board.kind, card) ?? ""}; ${t("crosstable.between_figure", { value: fmt(card.between) })})` : ""}
                </th>
              </tr>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.name}</th>
                  <td>{meanText(row.rounds.first?.mean)}</td>
                  <td>{fmt(row.rounds.first?.spread)}</td>
                  <td>{meanText(row.rounds.second?.mean)}</td>
                  <td>{fmt(row.rounds.second?.spread)}</td>
                  {scale ? <td>{pawnsPerSquare(row.rounds.second?.distribution)}</td> : null}
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** On a plenary screen: the picture, grouped, with the table a button away. */
export function ConsensusPicture({ view }: { view: ConsensusView }) {
  const [figures, setFigures] = useState(false);
  const consensus = view.consensus;
  if (!consensus) return null;
  const groups = byVerdict(consensus);
  return (
    <section class="panel consensus-picture" aria-labelledby="consensus-title" data-testid="consensus-picture">
      <h2 id="consensus-title">{t("crosstable.title")}</h2>
      {consensus.cards.length === 0 ? <p class="empty">{t("crosstable.none")}</p> : <Legend consensus={consensus} />}
      {VERDICT_ORDER.filter((v) => groups[v].length > 0).map((verdict) => (
        <section key={verdict} class={`xt-group xt-group-${verdict}`} aria-labelledby={`xt-${verdict}`} data-testid={`consensus-${verdict}`}>
          <h3 id={`xt-${verdict}`}>
            <span aria-hidden="true">{VERDICT[verdict].icon}</span> {t(VERDICT[verdict].key)} <span class="pile-count">({groups[verdict].length})</span>
          </h3>
          {VERDICT[verdict].hint ? <p class="muted">{t(VERDICT[verdict].hint!)}</p> : null}
          <ul class="xt-rows">
            {groups[verdict].map((card) => (
              <CardRow key={card.card_id} view={view} consensus={consensus} card={card} />
            ))}
          </ul>
        </section>
      ))}
      {consensus.cards.length > 0 ? (
        <>
          <button type="button" class="btn btn-small btn-quiet" aria-pressed={figures} onClick={() => setFigures(!figures)}>
            {t("crosstable.show_figures")}
          </button>
          <ConsensusFigures view={view} consensus={consensus} visible={figures} />
        </>
      ) : null}
    </section>
  );
}

/**
 * On the projector: "Snel eens" and "Stof tot discussie" side by side, each turning pages
 * when its rows do not fit; the table for screen readers beside it.
 */
export function ProjectorConsensus({ view }: { view: ConsensusView }) {
  const consensus = view.consensus;
  if (!consensus) return null;
  const groups = byVerdict(consensus);
  const shown: Verdict[] = groups.single.length > 0 && groups.agree.length + groups.differ.length === 0 ? ["single"] : ["agree", "differ"];
  return (
    <section class="projector-consensus" aria-labelledby="projector-consensus-title" data-testid="consensus-picture">
      <h2 id="projector-consensus-title" class="sr-only">
        {t("crosstable.title")}
      </h2>
      <Legend consensus={consensus} />
      <div class="projector-consensus-groups">
        {shown.map((verdict) => (
          <Pager
            key={verdict}
            class={`xt-group xt-group-${verdict}`}
            testId={`consensus-${verdict}`}
            listClass="xt-rows"
            head={
              <h3>
                <span aria-hidden="true">{VERDICT[verdict].icon}</span> {t(VERDICT[verdict].key)} <span class="pile-count">({groups[verdict].length})</span>
              </h3>
            }
            items={
              groups[verdict].length
                ? groups[verdict].map((card) => <CardRow key={card.card_id} view={view} consensus={consensus} card={card} />)
                : [
                    <li key="none" class="empty">
                      {t("crosstable.none")}
                    </li>,
                  ]
            }
          />
        ))}
      </div>
      <ConsensusFigures view={view} consensus={consensus} visible={false} />
    </section>
  );
}
