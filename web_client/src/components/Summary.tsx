/**
 * The plenary summary: green pile (already present), red pile (to develop), open
 * questions (pink post-its not resolved), action points, and per card the distribution
 * before and after revision with its spread and consensus label.
 */

import type { ComponentChildren } from "preact";
import { language, t, tCount } from "../i18n";
import type { Key } from "../i18n";
import type { ActionPoint, Card, CardFigures, Consensus, ItemRef, RoundFigures } from "../protocol";
import type { PageView } from "../hooks";
import { local } from "../state/selectors";
import type { PostItActions } from "./PostIts";
import { HEADING_TEST_IDS, ItemBody, PlenaryHeadings, itemText, pileCard, type ActionSource } from "./Plenary";
import { ConsensusPicture, ProjectorConsensus } from "./Consensus";
import { PostItNote } from "./PostIts";
import type { RoomSession } from "../state/session";
import { Pager } from "./Pager";
import { figureText } from "./figureText";

export function cardLabel(card: Card): string {
  const lang = language();
  return card.title ? local(card.title, lang) : local(card.text, lang);
}

const CONSENSUS_ICON: Record<Consensus, string> = {
  consensus: "●",
  mixed: "◐",
  discussion: "◆",
};

export function ConsensusLabel({ value }: { value: Consensus | null | undefined }) {
  if (!value) return <span class="consensus consensus-none">{t("figures.no_data")}</span>;
  return (
    <span class={`consensus consensus-${value}`} data-testid="consensus">
      <span aria-hidden="true">{CONSENSUS_ICON[value]}</span> {t(`consensus.${value}` as Key)}
    </span>
  );
}

function fmt(n: number | null | undefined): string {
  return figureText(n, language());
}

function DistributionBars({ view, figures }: { view: PageView; figures: CardFigures }) {
  const size = view.board.size;
  const first = figures.first?.distribution ?? {};
  const second = figures.second?.distribution ?? {};
  const max = Math.max(1, ...Object.values(first), ...Object.values(second));
  const lang = language();
  const squares = view.board.spec.squares ?? [];
  return (
    <table class="distribution">
      <caption class="sr-only">{t("figures.distribution")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("figures.square")}</th>
          <th scope="col">{t("figures.before")}</th>
          <th scope="col">{t("figures.after")}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: size }, (_, i) => String(i + 1)).map((s) => (
          <tr key={s}>
            <th scope="row" title={local(squares[Number(s) - 1], lang)}>
              {s}
            </th>
            <td>
              <span class="bar bar-before" style={{ width: `${((first[s] ?? 0) / max) * 75}%` }} />
              <span class="bar-count">{first[s] ?? 0}</span>
            </td>
            <td>
              <span class="bar bar-after" style={{ width: `${((second[s] ?? 0) / max) * 75}%` }} />
              <span class="bar-count">{second[s] ?? 0}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RoundLine({ label, figures }: { label: string; figures: RoundFigures | null }) {
  const mean = figures?.mean;
  const meanText = mean === null || mean === undefined ? "–" : typeof mean === "number" ? fmt(mean) : `(${fmt(mean.x)}, ${fmt(mean.y)})`;
  return (
    <p class="round-line">
      <strong>{label}:</strong> {t("figures.mean")} {meanText} · {t("figures.spread")} {fmt(figures?.spread)}{" "}
      <ConsensusLabel value={figures?.consensus} />
    </p>
  );
}

export function CardFiguresView({ view, cardId }: { view: PageView; cardId: string }) {
  const card = view.cards[cardId];
  const figures = view.figures[cardId];
  const lang = language();
  if (!card) return null;
  return (
    <article class="card-figures" data-testid="card-figures">
      <h3>{cardLabel(card)}</h3>
      {figures ? (
        <>
          {view.board.kind === "scale" ? <DistributionBars view={view} figures={figures} /> : null}
          <RoundLine label={local(view.board.spec.placements.first, lang)} figures={figures.first} />
          <RoundLine label={local(view.board.spec.placements.second, lang)} figures={figures.second} />
          <p class="round-line">
            <strong>{t("figures.shift")}:</strong> {fmt(figures.shift)}
          </p>
        </>
      ) : (
        <p class="muted">{t("figures.hidden")}</p>
      )}
    </article>
  );
}

export function SummaryView({
  view,
  actions,
  session,
  facilitator = false,
  onAction,
  actionEditor,
}: {
  view: PageView;
  actions?: PostItActions;
  session?: RoomSession;
  facilitator?: boolean;
  onAction?: (source: ActionSource) => void;
  /** The facilitator's action points editor: it lists the points itself, so it takes the
   * read-only list's place (right under the headings whose items become actions). */
  actionEditor?: ComponentChildren;
}) {
  const s = view.summary;
  return (
    <div class="summary" data-testid="summary">
      <PlenaryHeadings view={view} session={session} facilitator={facilitator} actions={actions} onAction={onAction} />
      {actionEditor ?? (
        <section class="summary-actions" data-testid="summary-action-points">
          <h2>{t("actions.title")}</h2>
          {s.action_points.length === 0 ? <p class="empty">{t("actions.none")}</p> : null}
          <ol class="action-list">
            {s.action_points.map((id) => {
              const a = view.action_points[id];
              return a ? (
                <li key={id}>
                  <ActionPointText point={a} view={view} />
                </li>
              ) : null;
            })}
          </ol>
        </section>
      )}
      {/* The cross-table plenary plays no card itself: its figures are the tables'. */}
      {view.consensus ? (
        <ConsensusPicture view={view} />
      ) : (
        <section class="summary-cards">
          <h2>{t("summary.per_card")}</h2>
          <div class="card-figures-grid">
            {view.played_cards.map((id) => (
              <CardFiguresView key={id} view={view} cardId={id} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

/** A distribution as a row of small bars (the shape, for the projector's card rows). */
function Spark({ view, distribution }: { view: PageView; distribution: Record<string, number> | undefined }) {
  const size = view.board.size;
  const counts = Array.from({ length: size }, (_, i) => distribution?.[String(i + 1)] ?? 0);
  const max = Math.max(1, ...counts);
  return (
    <span class="spark" aria-hidden="true">
      {counts.map((n, i) => (
        <span key={i} class={`spark-bar ${n === 0 ? "spark-zero" : ""}`} style={{ height: `${Math.max(8, (n / max) * 100)}%` }} />
      ))}
    </span>
  );
}

function CompactRound({ view, label, figures }: { view: PageView; label: string; figures: RoundFigures | null }) {
  if (!figures || figures.count === 0) {
    // An empty row of bars and "mean –" reads as a broken figure on the projector.
    return (
      <div class="card-row-round">
        <span class="sr-only">{label}: </span>
        <span class="card-row-mean muted">{t("figures.nobody_placed")}</span>
      </div>
    );
  }
  const mean = figures.mean;
  const meanText = mean === null ? "–" : typeof mean === "number" ? fmt(mean) : `(${fmt(mean.x)}; ${fmt(mean.y)})`;
  return (
    <div class="card-row-round">
      <span class="sr-only">{label}: </span>
      <span class="card-row-mean">
        {view.board.kind === "scale" ? <Spark view={view} distribution={figures.distribution} /> : null} {t("figures.mean_short")}{" "}
        {meanText}
        <span class="sr-only">
          {" "}
          · {t("figures.spread")} {fmt(figures.spread)}
        </span>
      </span>
      <ConsensusLabel value={figures.consensus} />
    </div>
  );
}

/** The column headings over the projector's card rows. */
function CardRowsHead({ view }: { view: PageView }) {
  const lang = language();
  return (
    <div class="card-row card-row-headings" aria-hidden="true">
      <span />
      <span>{local(view.board.spec.placements.first, lang)}</span>
      <span>{local(view.board.spec.placements.second, lang)}</span>
      <span class="card-row-shift">{t("figures.shift")}</span>
    </div>
  );
}

/** One card's figures in one row: title, each round (shape, mean, agreement), shift. */
function CardRow({ view, cardId }: { view: PageView; cardId: string }) {
  const card = view.cards[cardId];
  const figures = view.figures[cardId];
  const lang = language();
  if (!card) return null;
  const shift = figures?.shift;
  return (
    <li class="card-row" data-testid="card-figures">
      <strong class="card-row-title">{cardLabel(card)}</strong>
      {figures ? (
        <>
          <CompactRound view={view} label={local(view.board.spec.placements.first, lang)} figures={figures.first} />
          <CompactRound view={view} label={local(view.board.spec.placements.second, lang)} figures={figures.second} />
          <span class="card-row-shift">
            <span class="sr-only">{t("figures.shift")}: </span>
            {typeof shift === "number" && shift > 0 ? "+" : ""}
            {fmt(shift)}
          </span>
        </>
      ) : (
        <p class="muted card-row-hidden">{t("figures.hidden")}</p>
      )}
    </li>
  );
}

/**
 * The summary on the projector: every part keeps its place on the screen and turns pages
 * when it holds more than fits (see Pager), so nothing is cut off at 1280x720.
 */
export function ProjectorSummary({ view }: { view: PageView }) {
  const s = view.summary;
  const plenary = view.plenary;
  const voting = view.voting;
  const heading = (name: "present" | "develop" | "questions", key: Key, icon: string) => {
    const refs: (ItemRef & { dots?: number | null })[] = plenary[name];
    return (
      <Pager
        class={`pile plenary-${name}`}
        testId={HEADING_TEST_IDS[name]}
        head={
          <>
            <h2>
              <span aria-hidden="true">{icon}</span> {t(key)} <span class="pile-count">({refs.length})</span>
            </h2>
            {name === "develop" && voting && !voting.revealed ? (
              <p class="projector-voting" data-testid="projector-voting">
                {t("voting.status_open", {
                  dots: tCount("voting.count_dots", voting.dots_placed),
                  voters: tCount("voting.count_voters", voting.voters),
                })}
              </p>
            ) : null}
          </>
        }
        listClass={name === "questions" ? "postit-list" : "pile-list"}
        items={
          refs.length
            ? refs.map((ref) =>
                name === "questions" && ref.item === "post_it" && view.post_its[ref.id] ? (
                  <PostItNote key={ref.id} view={view} postIt={view.post_its[ref.id]} />
                ) : (
                  <li key={`${ref.item}:${ref.id}`} class={`plenary-item plenary-item-${ref.item} ${pileCard(view, ref) ? "plenary-item-card" : ""}`}>
                    <div class="plenary-item-body">
                      <ItemBody view={view} it={ref} compact />
                    </div>
                    {typeof ref.dots === "number" ? (
                      <span class="dot-total" data-testid="dot-total">
                        <span aria-hidden="true">● </span>
                        {ref.dots === 1 ? t("voting.dot_one") : t("voting.dots_on", { count: ref.dots })}
                      </span>
                    ) : null}
                  </li>
                ),
              )
            : [
                <li key="empty" class="empty">
                  {t("plenary.empty")}
                </li>,
              ]
        }
      />
    );
  };
  const points = s.action_points.filter((id) => view.action_points[id]);
  return (
    <div class={`summary summary-projector ${view.consensus ? "summary-across-tables" : ""}`} data-testid="summary">
      {heading("develop", "plenary.develop", "✚")}
      {heading("present", "plenary.present", "✔")}
      {heading("questions", "plenary.questions", "?")}
      <Pager
        class="summary-actions"
        testId="summary-action-points"
        listClass="action-list"
        ordered
        head={<h2>{t("actions.title")}</h2>}
        items={
          points.length
            ? points.map((id, i) => {
                const a = view.action_points[id];
                // The number is drawn inside the item: a list marker sits outside the
                // paged list's box and was clipped ("‥") at 1920x1080.
                return (
                  <li key={id}>
                    <span class="ap-number" aria-hidden="true">
                      {i + 1}.
                    </span>
                    <strong>{a.what}</strong>
                    <span>
                      {t("actions.who")}: {a.who} · {t("actions.first_step")}: {a.first_step} · {t("actions.evaluate_when")}:{" "}
                      {a.evaluate_when}
                    </span>
                  </li>
                );
              })
            : [
                <li key="none" class="empty">
                  {t("actions.none")}
                </li>,
              ]
        }
      />
      {view.consensus ? (
        <ProjectorConsensus view={view} />
      ) : (
        <Pager
          class="summary-cards"
          listClass="card-rows"
          head={<h2>{t("summary.per_card")}</h2>}
          subhead={<CardRowsHead view={view} />}
          items={view.played_cards.map((id) => (
            <CardRow key={id} view={view} cardId={id} />
          ))}
        />
      )}
    </div>
  );
}

/** An action point's what, who, first step and when to evaluate, as its list item shows them. */
export function ActionPointText({ point: a, view }: { point: ActionPoint; view?: PageView }) {
  const from = view && a.item && a.item_id ? itemText(view, { item: a.item, id: a.item_id }) : "";
  return (
    <>
      <strong>{a.what}</strong>
      {from ? <span class="muted">{t("plenary.action_from", { text: from })}</span> : null}
      <span>
        {t("actions.who")}: {a.who}
      </span>
      <span>
        {t("actions.first_step")}: {a.first_step}
      </span>
      <span>
        {t("actions.evaluate_when")}: {a.evaluate_when}
      </span>
    </>
  );
}
