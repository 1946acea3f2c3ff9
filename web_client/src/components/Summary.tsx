/**
 * The plenary summary: green pile (already present), red pile (to develop), open
 * questions (pink post-its not resolved), action points, and per card the distribution
 * before and after revision with its spread and consensus label.
 */

import { language, t } from "../i18n";
import type { Key } from "../i18n";
import type { ActionPoint, Card, CardFigures, Consensus, RoundFigures } from "../protocol";
import type { PageView } from "../hooks";
import { local } from "../state/selectors";
import { ColourTag, PostItNote, type PostItActions } from "./PostIts";
import { Pager } from "./Pager";
import { figureText } from "./figureText";
import type { VNode } from "preact";

export function cardLabel(card: Card): string {
  const lang = language();
  return card.title ? local(card.title, lang) : local(card.text, lang);
}

const CONSENSUS_ICON: Record<Consensus, string> = { consensus: "●", mixed: "◐", discussion: "◆" };

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
  const meanText =
    mean === null || mean === undefined ? "–" : typeof mean === "number" ? fmt(mean) : `(${fmt(mean.x)}, ${fmt(mean.y)})`;
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

export function SummaryView({ view, actions }: { view: PageView; actions?: PostItActions }) {
  const s = view.summary;
  const pile = (colour: "green" | "red") => {
    const contents = colour === "green" ? s.green_pile : s.red_pile;
    return (
      <section class={`pile pile-${colour}`} data-testid={`summary-${colour}`}>
        <h2>
          <span aria-hidden="true">{colour === "green" ? "✔" : "✚"}</span>{" "}
          {t(colour === "green" ? "pile.green" : "pile.red")}
        </h2>
        <p class="pile-hint">{t(colour === "green" ? "pile.green_hint" : "pile.red_hint")}</p>
        <ul class="pile-list">
          {contents.cards.map((id) => (
            <li key={id} class="pile-card">
              <span class="kind-tag">{t("card.card")}</span> {cardLabel(view.cards[id])}
            </li>
          ))}
          {contents.post_its.map((id) => {
            const p = view.post_its[id];
            return p ? (
              <li key={id} class="pile-postit">
                <ColourTag colour={p.colour} /> {p.text}
              </li>
            ) : null;
          })}
          {contents.cards.length + contents.post_its.length === 0 ? <li class="empty">{t("pile.empty")}</li> : null}
        </ul>
      </section>
    );
  };
  return (
    <div class="summary" data-testid="summary">
      <div class="summary-piles">
        {pile("green")}
        {pile("red")}
        <section class="pile pile-questions" data-testid="summary-questions">
          <h2>
            <span aria-hidden="true">?</span> {t("summary.open_questions")}
          </h2>
          <ul class="postit-list">
            {s.open_questions.map((id) =>
              view.post_its[id] ? <PostItNote key={id} view={view} postIt={view.post_its[id]} actions={actions} /> : null,
            )}
            {s.open_questions.length === 0 ? <li class="empty">{t("summary.no_questions")}</li> : null}
          </ul>
        </section>
      </div>
      <section class="summary-actions" data-testid="summary-action-points">
        <h2>{t("actions.title")}</h2>
        {s.action_points.length === 0 ? <p class="empty">{t("actions.none")}</p> : null}
        <ol class="action-list">
          {s.action_points.map((id) => {
            const a = view.action_points[id];
            return a ? (
              <li key={id}>
                <ActionPointText point={a} />
              </li>
            ) : null;
          })}
        </ol>
      </section>
      <section class="summary-cards">
        <h2>{t("summary.per_card")}</h2>
        <div class="card-figures-grid">
          {view.played_cards.map((id) => (
            <CardFiguresView key={id} view={view} cardId={id} />
          ))}
        </div>
      </section>
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
  const mean = figures?.mean;
  const meanText =
    mean === null || mean === undefined ? "–" : typeof mean === "number" ? fmt(mean) : `(${fmt(mean.x)}; ${fmt(mean.y)})`;
  return (
    <div class="card-row-round">
      <span class="sr-only">{label}: </span>
      <span class="card-row-mean">
        {view.board.kind === "scale" ? <Spark view={view} distribution={figures?.distribution} /> : null}{" "}
        {t("figures.mean_short")} {meanText}
        <span class="sr-only">
          {" "}
          · {t("figures.spread")} {fmt(figures?.spread)}
        </span>
      </span>
      <ConsensusLabel value={figures?.consensus} />
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
  const pileItems = (colour: "green" | "red"): VNode[] => {
    const contents = colour === "green" ? s.green_pile : s.red_pile;
    const items: VNode[] = [
      ...contents.cards.map((id) => (
        <li key={id} class="pile-card">
          <span class="kind-tag">{t("card.card")}</span> {cardLabel(view.cards[id])}
        </li>
      )),
      ...contents.post_its
        .filter((id) => view.post_its[id])
        .map((id) => (
          <li key={id} class="pile-postit">
            <ColourTag colour={view.post_its[id].colour} /> {view.post_its[id].text}
          </li>
        )),
    ];
    return items.length ? items : [<li key="empty" class="empty">{t("pile.empty")}</li>];
  };
  const pile = (colour: "green" | "red") => {
    const contents = colour === "green" ? s.green_pile : s.red_pile;
    return (
      <Pager
        class={`pile pile-${colour}`}
        testId={`summary-${colour}`}
        listClass="pile-list"
        head={
          <h2>
            <span aria-hidden="true">{colour === "green" ? "✔" : "✚"}</span> {t(colour === "green" ? "pile.green" : "pile.red")}{" "}
            <span class="pile-count">({contents.cards.length + contents.post_its.length})</span>
          </h2>
        }
        items={pileItems(colour)}
      />
    );
  };
  const questions = s.open_questions.filter((id) => view.post_its[id]);
  const points = s.action_points.filter((id) => view.action_points[id]);
  return (
    <div class="summary summary-projector" data-testid="summary">
      {pile("green")}
      {pile("red")}
      <Pager
        class="pile pile-questions"
        testId="summary-questions"
        listClass="postit-list"
        head={
          <h2>
            <span aria-hidden="true">?</span> {t("summary.open_questions")} <span class="pile-count">({questions.length})</span>
          </h2>
        }
        items={
          questions.length
            ? questions.map((id) => <PostItNote key={id} view={view} postIt={view.post_its[id]} />)
            : [<li key="none" class="empty">{t("summary.no_questions")}</li>]
        }
      />
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
            : [<li key="none" class="empty">{t("actions.none")}</li>]
        }
      />
      <Pager
        class="summary-cards"
        listClass="card-rows"
        head={<h2>{t("summary.per_card")}</h2>}
        subhead={<CardRowsHead view={view} />}
        items={view.played_cards.map((id) => (
          <CardRow key={id} view={view} cardId={id} />
        ))}
      />
    </div>
  );
}

/** An action point's what, who, first step and when to evaluate, as its list item shows them. */
export function ActionPointText({ point: a }: { point: ActionPoint }) {
  return (
    <>
      <strong>{a.what}</strong>
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
