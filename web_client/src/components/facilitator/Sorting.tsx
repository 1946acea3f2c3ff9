/** Sorting: the facilitator puts every played card and post-it on the red or the green pile. */

import { useState } from "preact/hooks";
import { language, t } from "../../i18n";
import type { Key } from "../../i18n";
import type { Pile } from "../../protocol";
import type { PageView } from "../../hooks";
import { local, postItsInOrder } from "../../state/selectors";
import type { RoomSession } from "../../state/session";
import { cardLabel } from "../Summary";
import { ColourTag } from "../PostIts";
import { Provenance, postItText } from "../Plenary";

/** Sorting: every played card and post-it onto the red or the green pile. */
export function SortingBoard({ view, session }: { view: PageView; session: RoomSession }) {
  const [dragging, setDragging] = useState<string | null>(null);
  type Item = { item: "card" | "post_it"; id: string; pile: Pile | null };
  const items: Item[] = [
    ...view.played_cards.map((id) => ({ item: "card" as const, id, pile: view.cards[id]?.pile ?? null })),
    ...postItsInOrder(view).map((p) => ({ item: "post_it" as const, id: p.id, pile: p.pile })),
  ];
  const setPile = (it: Item, pile: Pile | null): void => {
    if (it.pile !== pile) session.send({ type: "set_pile", item: it.item, id: it.id, pile });
  };
  const columns: { pile: Pile | null; key: Key; hint: Key }[] = [
    { pile: "red", key: "pile.red", hint: "pile.red_hint" },
    { pile: null, key: "pile.none", hint: "pile.none_hint" },
    { pile: "green", key: "pile.green", hint: "pile.green_hint" },
  ];
  const keyOf = (it: Item): string => `${it.item}:${it.id}`;
  return (
    <section class="sorting" aria-label={t("sort.title")} data-testid="sorting">
      {/* The sort screen's main heading; under the summary's own h1 it is a section. */}
      {view.phase === "sort" ? <h1 class="page-title">{t("sort.title")}</h1> : <h2>{t("sort.title")}</h2>}
      <p class="muted">{t("sort.hint")}</p>
      <div class="sort-columns">
        {columns.map((col) => (
          <div
            key={String(col.pile)}
            class={`sort-column sort-${col.pile ?? "none"}`}
            data-testid={`pile-${col.pile ?? "none"}`}
            onDragOver={(e) => {
              e.preventDefault();
              if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
            }}
            onDrop={(e) => {
              e.preventDefault();
              const key = e.dataTransfer?.getData("text/plain") || dragging;
              const it = items.find((i) => keyOf(i) === key);
              if (it) setPile(it, col.pile);
              setDragging(null);
            }}
          >
            <h3>
              {col.pile === "green" ? "✔ " : col.pile === "red" ? "✚ " : ""}
              {t(col.key)}
            </h3>
            <p class="pile-hint">{t(col.hint)}</p>
            <ul>
              {items
                .filter((it) => it.pile === col.pile)
                .map((it) => (
                  <SortItem
                    key={keyOf(it)}
                    view={view}
                    it={it}
                    onDragStart={(e) => {
                      e.dataTransfer?.setData("text/plain", keyOf(it));
                      setDragging(keyOf(it));
                    }}
                    onPile={(pile) => setPile(it, pile)}
                  />
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

function SortItem({
  view,
  it,
  onDragStart,
  onPile,
}: {
  view: PageView;
  it: { item: "card" | "post_it"; id: string; pile: Pile | null };
  onDragStart: (e: DragEvent) => void;
  onPile: (pile: Pile | null) => void;
}) {
  const lang = language();
  const postIt = it.item === "post_it" ? view.post_its[it.id] : null;
  const card = it.item === "card" ? view.cards[it.id] : null;
  // A table's card imported into the plenary: a card, suggested where that table laid it.
  const pileCard = postIt?.pile_card === true;
  const suggested = postIt ? (pileCard ? postIt.pile : postIt.suggested_pile) : (view.figures[it.id]?.suggested_pile ?? null);
  const label = card ? cardLabel(card) : postIt ? postItText(view, postIt) : "";
  return (
    <li class={`sort-item sort-item-${it.item}`} draggable data-testid="sort-item" data-item={it.item} data-id={it.id} onDragStart={onDragStart}>
      <div class="sort-item-text">
        {card || pileCard ? <span class="kind-tag">{t("card.card")}</span> : postIt ? <ColourTag colour={postIt.colour} /> : null}{" "}
        <span class="sort-label">{label}</span> {postIt ? <Provenance postIt={postIt} /> : null}
        {postIt && view.cards[postIt.card_id] ? (
          <small class="muted"> · {local(view.cards[postIt.card_id].title ?? view.cards[postIt.card_id].text, lang).slice(0, 50)}</small>
        ) : null}
      </div>
      {suggested ? (
        <div class={`suggested suggested-${suggested}`}>
          {t("sort.suggested")}: {t(suggested === "green" ? "pile.green_short" : "pile.red_short")}
        </div>
      ) : null}
      <div class="row sort-buttons">
        {/* Each accessible name starts with the button's visible word, so voice control
            ("click Rood") finds it; the item follows to tell the buttons apart. */}
        <button type="button" class="btn btn-small btn-red" disabled={it.pile === "red"} onClick={() => onPile("red")} aria-label={`${t("pile.red_short")}: ${t("sort.to_red_label", { item: label.slice(0, 40) })}`}>
          <span aria-hidden="true">✚</span> {t("pile.red_short")}
        </button>
        <button type="button" class="btn btn-small btn-quiet" disabled={it.pile === null} onClick={() => onPile(null)} aria-label={`${t("sort.none_short")}: ${t("sort.to_none_label", { item: label.slice(0, 40) })}`}>
          {t("sort.none_short")}
        </button>
        <button type="button" class="btn btn-small btn-green" disabled={it.pile === "green"} onClick={() => onPile("green")} aria-label={`${t("pile.green_short")}: ${t("sort.to_green_label", { item: label.slice(0, 40) })}`}>
          <span aria-hidden="true">✔</span> {t("pile.green_short")}
        </button>
      </div>
    </li>
  );
}
