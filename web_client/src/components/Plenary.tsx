/**
 * The plenary: the seed's three headings over the sorted items (view.plenary), with the
 * facilitator's clusters (select and "Samenvoegen", or drag one post-it onto another) and
 * dot voting on what to develop. Every text is rendered as text, never as markup.
 */

import { useState } from "preact/hooks";
import { t, tCount } from "../i18n";
import type { Key } from "../i18n";
import type { ItemRef, PostIt } from "../protocol";
import type { PageView } from "../hooks";
import type { RoomSession } from "../state/session";
import { ColourTag, PostItNote, type PostItActions } from "./PostIts";
import { cardLabel } from "./Summary";

type Heading = "present" | "develop" | "questions";
const HEADINGS: { heading: Heading; key: Key; icon: string }[] = [
  { heading: "develop", key: "plenary.develop", icon: "✚" },
  { heading: "present", key: "plenary.present", icon: "✔" },
  { heading: "questions", key: "plenary.questions", icon: "?" },
];
/** The test ids the summary's piles had (the red pile is "to develop"), kept for its tests. */
export const HEADING_TEST_IDS: Record<Heading, string> = {
  develop: "summary-red",
  present: "summary-green",
  questions: "summary-questions",
};

export const keyOf = (ref: ItemRef): string => `${ref.item}:${ref.id}`;

/** Only the item's kind and id: a command refuses any other field (``dots`` of a view entry). */
const bare = <R extends ItemRef>(ref: R): Pick<R, "item" | "id"> => ({
  item: ref.item,
  id: ref.id,
});

/** What an item says, in one line: the card, the post-it's text, the cluster's name. */
export function itemText(view: PageView, ref: ItemRef): string {
  if (ref.item === "card") return view.cards[ref.id] ? cardLabel(view.cards[ref.id]) : "";
  if (ref.item === "post_it") return view.post_its[ref.id] ? postItText(view, view.post_its[ref.id]) : "";
  return view.clusters[ref.id]?.name ?? "";
}

/** What the facilitator is about to turn into an action point. */
export interface ActionSource {
  ref: ItemRef;
  text: string;
}

/** Which table an imported item came from, and who wrote it (when that table was not anonymous). */
export function Provenance({ postIt }: { postIt: PostIt }) {
  if (!postIt.table_name && !postIt.author_name) return null;
  return (
    <span class="provenance">
      {postIt.table_name ? (
        <span class="table-tag" data-testid="table-tag">
          {postIt.table_name}
        </span>
      ) : null}
      {postIt.author_name ? <span class="author-tag"> — {postIt.author_name}</span> : null}
    </span>
  );
}

/** A post-it's words; a table's card on its pile is called as the card is (its title). */
export function postItText(view: Pick<PageView, "cards">, postIt: PostIt): string {
  const card = postIt.pile_card ? view.cards[postIt.card_id] : undefined;
  return card ? cardLabel(card) : postIt.text;
}

/** One imported or own post-it in a line: a statement card laid on a table's pile looks like a card. */
function PostItLine({ view, postIt }: { view: Pick<PageView, "cards">; postIt: PostIt }) {
  return (
    <>
      {postIt.pile_card ? <span class="kind-tag">{t("card.card")}</span> : <ColourTag colour={postIt.colour} />}{" "}
      <span class="item-text" title={postIt.pile_card ? postIt.text : undefined}>
        {postItText(view, postIt)}
      </span>{" "}
      <Provenance postIt={postIt} />
    </>
  );
}

function Members({ view, ids }: { view: PageView; ids: string[] }) {
  return (
    <ul class="cluster-members">
      {ids
        .filter((id) => view.post_its[id])
        .map((id) => (
          <li key={id} class={view.post_its[id].pile_card ? "member-card" : ""}>
            <PostItLine view={view} postIt={view.post_its[id]} />
          </li>
        ))}
    </ul>
  );
}

/** "3 tafels · 5 post-its" for a cluster across tables; "(5 post-its)" at one table. */
export function clusterCount(cluster: { post_its: number; tables?: number }): string {
  const tables = cluster.tables ?? 0;
  if (tables === 0) return `(${t("plenary.cluster_count", { count: cluster.post_its })})`;
  return tables === 1
    ? t("crosstable.one_table_postits", { count: cluster.post_its })
    : t("crosstable.tables_postits", { tables, count: cluster.post_its });
}

export function ItemBody({ view, it: item, compact = false }: { view: PageView; it: ItemRef; compact?: boolean }) {
  if (item.item === "card") {
    return (
      <>
        <span class="kind-tag">{t("card.card")}</span> <span class="item-text">{itemText(view, item)}</span>
      </>
    );
  }
  if (item.item === "post_it") {
    const p = view.post_its[item.id];
    return p ? <PostItLine view={view} postIt={p} /> : null;
  }
  const c = view.clusters[item.id];
  if (!c) return null;
  return (
    <>
      <span class="kind-tag cluster-tag">{t("plenary.cluster")}</span> <strong class="item-text">{c.name}</strong>{" "}
      <span class="cluster-count" data-testid="cluster-count">{clusterCount(c)}</span>
      {compact ? null : <Members view={view} ids={c.post_it_ids} />}
    </>
  );
}

/** A participant's dots on one item: take one back, add one. Buttons, so phone and keyboard. */
function DotButtons({ view, session, item }: { view: PageView; session: RoomSession; item: ItemRef }) {
  const voting = view.voting!;
  const mine = view.my_dots.find((d) => d.item === item.item && d.id === item.id)?.dots ?? 0;
  const spent = view.my_dots.reduce((n, d) => n + d.dots, 0);
  const text = itemText(view, item);
  const canAdd = spent < voting.dots && (voting.several_per_item || mine === 0);
  return (
    <span class="dot-buttons">
      <button
        type="button"
        class="btn btn-small dot-minus"
        disabled={mine === 0}
        aria-label={t("voting.remove", { text })}
        onClick={() => session.send({ type: "remove_dot", ...bare(item) })}
      >
        −
      </button>
      <span class="my-dots" aria-live="polite">
        <span aria-hidden="true">{"●".repeat(mine)}</span>
        <span class="sr-only">{tCount("voting.mine", mine)}</span>
        {mine ? null : <span class="muted">0</span>}
      </span>
      <button
        type="button"
        class="btn btn-small dot-plus"
        disabled={!canAdd}
        aria-label={t("voting.add", { text })}
        onClick={() => session.send({ type: "place_dot", ...bare(item) })}
      >
        +
      </button>
    </span>
  );
}

function ClusterTools({ view, session, id }: { view: PageView; session: RoomSession; id: string }) {
  const cluster = view.clusters[id];
  const [name, setName] = useState<string | null>(null);
  if (!cluster) return null;
  const frozen = view.voting !== null && !view.voting.revealed;
  return (
    <div class="cluster-tools">
      {name === null ? (
        <button type="button" class="btn btn-small" onClick={() => setName(cluster.name)}>
          {t("plenary.rename")}
        </button>
      ) : (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim())
              session.send({
                type: "rename_cluster",
                cluster_id: id,
                name: name.trim(),
              });
            setName(null);
          }}
        >
          <label class="sr-only" for={`rename-${id}`}>
            {t("plenary.cluster_name")}
          </label>
          <input id={`rename-${id}`} type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" class="btn btn-small btn-primary">
            {t("common.save")}
          </button>
        </form>
      )}
      <button
        type="button"
        class="btn btn-small btn-quiet"
        disabled={frozen}
        onClick={() => session.send({ type: "split_cluster", cluster_id: id })}
      >
        {t("plenary.split")}
      </button>
      {cluster.post_it_ids.length > 2
        ? cluster.post_it_ids.map((pid) => (
            <button
              key={pid}
              type="button"
              class="btn btn-small btn-quiet"
              disabled={frozen}
              onClick={() =>
                session.send({
                  type: "split_cluster",
                  cluster_id: id,
                  post_it_id: pid,
                })
              }
            >
              {t("plenary.take_out", { text: view.post_its[pid] ? postItText(view, view.post_its[pid]) : "" })}
            </button>
          ))
        : null}
    </div>
  );
}

/** The facilitator's controls for a round of dot voting. */
export function VotingControls({ view, session }: { view: PageView; session: RoomSession }) {
  const [dots, setDots] = useState(3);
  const [several, setSeveral] = useState(true);
  const voting = view.voting;
  const open = voting !== null && !voting.revealed;
  // Dots go on what is still to develop: with nothing there, a round has nothing to vote on.
  const nothing = view.plenary.develop.length === 0;
  return (
    <section class="panel voting-controls" aria-labelledby="voting-title" data-testid="voting-controls">
      <h2 id="voting-title">{t("voting.title")}</h2>
      {open ? (
        <>
          <p data-testid="voting-progress">
            {t("voting.progress", {
              dots: tCount("voting.count_dots", voting.dots_placed),
              voters: tCount("voting.count_voters", voting.voters),
            })}
          </p>
          <p class="muted">{t("voting.hidden")}</p>
          <div class="row">
            <button type="button" class="btn btn-primary" onClick={() => session.send({ type: "reveal_votes" })}>
              {t("voting.reveal")}
            </button>
            <button type="button" class="btn btn-quiet" onClick={() => session.send({ type: "cancel_voting" })}>
              {t("voting.cancel")}
            </button>
          </div>
        </>
      ) : (
        <form
          class="voting-form"
          onSubmit={(e) => {
            e.preventDefault();
            session.send({
              type: "open_voting",
              dots,
              several_per_item: several,
            });
          }}
        >
          {voting?.revealed ? <p>{t("voting.revealed")}</p> : <p class="muted">{t("voting.explain")}</p>}
          <label class="field">
            <span class="label">{t("voting.dots_label")}</span>
            <select value={String(dots)} onChange={(e) => setDots(Number(e.currentTarget.value))}>
              {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={several} onChange={(e) => setSeveral(e.currentTarget.checked)} /> {t("voting.several")}
          </label>
          {nothing ? (
            <p class="muted" id="voting-nothing" data-testid="voting-nothing">
              {t("voting.nothing")}
            </p>
          ) : null}
          <button type="submit" class="btn btn-primary" disabled={nothing} aria-describedby={nothing ? "voting-nothing" : undefined}>
            {voting?.revealed ? t("voting.again") : t("voting.open")}
          </button>
        </form>
      )}
    </section>
  );
}

/** Likely duplicates the server suggests; the facilitator merges or ignores each. */
type Duplicate = PageView["plenary"]["duplicates"][number];

/**
 * Duplicate suggestions come as pairs; items that pair up with each other (the same card
 * from three tables gives three pairs) are one group, merged at once. Groups in the order
 * of their first pair (the most alike first); ``ignored`` pairs are left out.
 */
export function suggestionGroups(duplicates: Duplicate[], ignored: Set<string>): { items: ItemRef[]; pairs: string[] }[] {
  const groups: { items: ItemRef[]; pairs: string[] }[] = [];
  const groupOf = new Map<string, { items: ItemRef[]; pairs: string[] }>();
  for (const d of duplicates) {
    const pair = keyOf(d.a) + "|" + keyOf(d.b);
    if (ignored.has(pair)) continue;
    const ga = groupOf.get(keyOf(d.a));
    const gb = groupOf.get(keyOf(d.b));
    let group = ga ?? gb;
    if (!group) {
      group = { items: [], pairs: [] };
      groups.push(group);
    } else if (ga && gb && ga !== gb) {
      // Two groups meet: the later one joins the earlier.
      const [keep, gone] = groups.indexOf(ga) < groups.indexOf(gb) ? [ga, gb] : [gb, ga];
      for (const ref of gone.items) {
        keep.items.push(ref);
        groupOf.set(keyOf(ref), keep);
      }
      keep.pairs.push(...gone.pairs);
      groups.splice(groups.indexOf(gone), 1);
      group = keep;
    }
    for (const ref of [d.a, d.b]) {
      if (!groupOf.has(keyOf(ref))) {
        group.items.push(ref);
        groupOf.set(keyOf(ref), group);
      }
    }
    group.pairs.push(pair);
  }
  return groups;
}

function Suggestions({ view, session }: { view: PageView; session: RoomSession }) {
  const [ignored, setIgnored] = useState<Set<string>>(new Set());
  const shown = suggestionGroups(view.plenary.duplicates, ignored).slice(0, 5);
  if (!shown.length || (view.voting && !view.voting.revealed)) return null;
  return (
    <section class="panel suggestions" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h2 id="suggestions-title">{t("plenary.suggestions")}</h2>
      <ul>
        {shown.map((group) => {
          const id = group.pairs.join(",");
          const items = group.items.filter(mergeable).slice(0, 50);
          return (
            <li key={id}>
              <span>{group.items.map((ref) => `“${itemText(view, ref)}”`).join(" — ")}</span>{" "}
              <button
                type="button"
                class="btn btn-small"
                disabled={items.length < 2}
                onClick={() => {
                  const [first, second, ...rest] = items.map(bare);
                  session.send({ type: "merge_items", items: [first, second, ...rest] });
                }}
              >
                {group.items.length > 2 ? t("plenary.merge_all", { count: group.items.length }) : t("plenary.merge")}
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => setIgnored(new Set([...ignored, ...group.pairs]))}>
                {t("plenary.ignore")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A statement card a table laid on its pile, imported into the plenary as a post-it. */
export const pileCard = (view: PageView, ref: ItemRef): boolean => ref.item === "post_it" && view.post_its[ref.id]?.pile_card === true;

type Mergeable = { item: "post_it" | "cluster"; id: string };
const mergeable = (ref: ItemRef): ref is Mergeable => ref.item !== "card";

/**
 * The three headings. ``session`` given: this viewer may act (the facilitator arranges
 * and makes actions, a participant places dots). ``onAction``: the facilitator chose an
 * item to turn into an action point.
 */
export function PlenaryHeadings({
  view,
  session,
  facilitator,
  actions,
  onAction,
}: {
  view: PageView;
  session?: RoomSession;
  facilitator: boolean;
  actions?: PostItActions;
  onAction?: (source: ActionSource) => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [name, setName] = useState("");
  const voting = view.voting;
  const votingOpen = voting !== null && !voting.revealed;
  const arranging = facilitator && session !== undefined && view.phase !== "closed" && !votingOpen;
  const sealed = votingOpen && voting.sealed;
  const voter = !facilitator && session !== undefined && votingOpen && !sealed && view.me.player_id !== null;
  const refs: Record<Heading, ItemRef[]> = view.plenary;
  const all = [...refs.present, ...refs.develop, ...refs.questions];
  const chosen = all.filter((r) => selected.includes(keyOf(r))).filter(mergeable);
  const merge = (items: Mergeable[]): void => {
    if (!session || items.length < 2) return;
    const [first, second, ...rest] = items.map(bare);
    session.send({
      type: "merge_items",
      items: [first, second, ...rest],
      ...(name.trim() ? { name: name.trim() } : {}),
    });
    setSelected([]);
    setName("");
  };
  const spent = view.my_dots.reduce((n, d) => n + d.dots, 0);
  return (
    <div class="plenary" data-testid="plenary">
      {sealed ? (
        <p class="banner banner-info" data-testid="voting-sealed">
          {t("voting.sealed")}
        </p>
      ) : null}
      {!facilitator && session !== undefined && view.me.player_id !== null && voting === null && view.phase !== "closed" ? (
        <p class="banner banner-info" data-testid="plenary-waiting">
          {t("plenary.participant_hint")}
        </p>
      ) : null}
      {voter ? (
        <p class="banner banner-info" data-testid="my-dots-left" aria-live="polite">
          {t("voting.player_hint")} {t("voting.left", { left: voting!.dots - spent, dots: voting!.dots })}
        </p>
      ) : null}
      {arranging && session ? <Suggestions view={view} session={session} /> : null}
      {arranging ? (
        <div class="merge-bar" role="group" aria-label={t("plenary.merge")}>
          <p class="muted">{t("plenary.merge_hint")}</p>
          <label class="field">
            <span class="label">{t("plenary.cluster_name")}</span>
            <input type="text" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="cluster-name" />
          </label>
          <button type="button" class="btn btn-primary" disabled={chosen.length < 2} onClick={() => merge(chosen)}>
            {t("plenary.merge")} ({chosen.length})
          </button>
        </div>
      ) : null}
      <div class="plenary-headings">
        {HEADINGS.map(({ heading, key, icon }) => {
          const items = refs[heading];
          return (
            <section
              key={heading}
              class={`plenary-heading plenary-${heading}`}
              aria-labelledby={`heading-${heading}`}
              data-testid={HEADING_TEST_IDS[heading]}
            >
              <h2 id={`heading-${heading}`}>
                <span aria-hidden="true">{icon}</span> {t(key)} <span class="pile-count">({items.length})</span>
              </h2>
              <ol class="plenary-list">
                {items.map((ref) => {
                  const k = keyOf(ref);
                  const dots = heading === "develop" ? (ref as ItemRef & { dots: number | null }).dots : null;
                  const question = heading === "questions" && ref.item === "post_it" && view.post_its[ref.id];
                  if (question && actions) {
                    return <PostItNote key={k} view={view} postIt={view.post_its[ref.id] as PostIt} actions={actions} />;
                  }
                  return (
                    <li
                      key={k}
                      class={`plenary-item plenary-item-${ref.item} ${pileCard(view, ref) ? "plenary-item-card" : ""} ${dragging === k ? "dragging" : ""}`}
                      data-testid="plenary-item"
                      draggable={arranging && mergeable(ref)}
                      onDragStart={(e) => {
                        setDragging(k);
                        e.dataTransfer?.setData("text/plain", k);
                      }}
                      onDragEnd={() => setDragging(null)}
                      onDragOver={(e) => {
                        if (arranging && mergeable(ref)) e.preventDefault();
                      }}
                      onDrop={(e) => {
                        e.preventDefault();
                        const from = e.dataTransfer?.getData("text/plain") || dragging;
                        const source = all.find((r) => keyOf(r) === from);
                        setDragging(null);
                        if (source && mergeable(source) && mergeable(ref) && from !== k) merge([ref, source]);
                      }}
                    >
                      {arranging && mergeable(ref) ? (
                        <input
                          type="checkbox"
                          class="select-item"
                          aria-label={t("plenary.select", {
                            text: itemText(view, ref),
                          })}
                          checked={selected.includes(k)}
                          onChange={(e) => setSelected(e.currentTarget.checked ? [...selected, k] : selected.filter((s) => s !== k))}
                        />
                      ) : null}
                      <div class="plenary-item-body">
                        <ItemBody view={view} it={ref} />
                      </div>
                      {dots !== null ? (
                        <span class="dot-total" data-testid="dot-total">
                          <span aria-hidden="true">● </span>
                          {dots === 1 ? t("voting.dot_one") : t("voting.dots_on", { count: dots })}
                        </span>
                      ) : null}
                      {voter && heading === "develop" && session ? <DotButtons view={view} session={session} item={ref} /> : null}
                      {arranging && ref.item === "cluster" && session ? <ClusterTools view={view} session={session} id={ref.id} /> : null}
                      {facilitator && onAction && heading === "develop" && view.phase === "summary" ? (
                        <button type="button" class="btn btn-small" onClick={() => onAction({ ref, text: itemText(view, ref) })}>
                          {t("plenary.make_action")}
                        </button>
                      ) : null}
                    </li>
                  );
                })}
                {items.length === 0 ? <li class="empty">{t("plenary.empty")}</li> : null}
              </ol>
            </section>
          );
        })}
      </div>
    </div>
  );
}
