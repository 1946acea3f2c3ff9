/**
 * The post-it wall of a card: green (what already happens) and pink (open questions and
 * needs). Colour is never the only signal: every post-it carries an icon and a label.
 * Post-it text is rendered as text (Preact escapes it); never as markup.
 */

import { memo } from "preact/compat";
import { useRef, useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { Colour, PostIt, View } from "../protocol";
import type { Drafts, Draft } from "../state/drafts";
import { local, postItsOf } from "../state/selectors";
import type { RoomSession } from "../state/session";
import { useSelected, useSubscription, useViewParts } from "../hooks";
import { Pager } from "./Pager";

export const POST_IT_MAX = 280;
/** Up to this many post-its on a paged (projector) wall: larger type, there is room. */
const FEW = 4;

export function ColourTag({ colour }: { colour: Colour }) {
  return (
    <span class={`colour-tag colour-tag-${colour}`}>
      <span aria-hidden="true">{colour === "green" ? "✔" : "?"}</span> {t(colour === "green" ? "postit.green" : "postit.pink")}
    </span>
  );
}

export interface PostItActions {
  edit(postIt: PostIt, text: string, colour: Colour): void;
  remove(postIt: PostIt): void;
  resolve?(postIt: PostIt, resolved: boolean): void;
}

export function PostItNote({ view, postIt, actions, big = false }: { view: Pick<View, "players">; postIt: PostIt; actions?: PostItActions; big?: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(postIt.text);
  const [colour, setColour] = useState<Colour>(postIt.colour);
  // An imported post-it (the cross-table plenary) names its author and table itself.
  const author = postIt.author_id ? view.players[postIt.author_id]?.name : (postIt.author_name ?? null);
  const editable = actions !== undefined && postIt.can_edit;
  if (editing && actions) {
    return (
      <li class={`postit postit-${colour}`} data-testid="postit">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) actions.edit(postIt, text.trim(), colour);
            setEditing(false);
          }}
        >
          <ColourChoice value={colour} onChange={setColour} name={`edit-${postIt.id}`} />
          <label class="sr-only" for={`edit-text-${postIt.id}`}>
            {t("postit.text_label")}
          </label>
          <textarea
            id={`edit-text-${postIt.id}`}
            value={text}
            maxLength={POST_IT_MAX}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <div class="row">
            <button type="submit" class="btn btn-small btn-primary">
              {t("common.save")}
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li
      class={`postit postit-${postIt.colour} ${postIt.resolved ? "postit-resolved" : ""} ${big ? "postit-big" : ""}`}
      data-testid="postit"
      data-colour={postIt.colour}
    >
      <ColourTag colour={postIt.colour} />
      <p class="postit-text">{postIt.text}</p>
      <p class="postit-meta">
        {postIt.table_name ? (
          <span class="table-tag" data-testid="table-tag">
            {postIt.table_name}
          </span>
        ) : null}
        {author ? <span>— {author}</span> : null}
        {postIt.mine ? <span class="mine-tag">{t("postit.mine")}</span> : null}
        {postIt.resolved ? <span class="resolved-tag">✔ {t("postit.resolved")}</span> : null}
      </p>
      {actions && (editable || actions.resolve) ? (
        <div class="postit-actions">
          {editable ? (
            <>
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setText(postIt.text);
                  setColour(postIt.colour);
                  setEditing(true);
                }}
              >
                {t("common.edit")}
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => actions.remove(postIt)}>
                {t("common.delete")}
              </button>
            </>
          ) : null}
          {actions.resolve && postIt.colour === "pink" ? (
            <button
              type="button"
              class="btn btn-small"
              aria-pressed={postIt.resolved}
              onClick={() => actions.resolve!(postIt, !postIt.resolved)}
            >
              {postIt.resolved ? t("postit.unresolve") : t("postit.resolve")}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function ColourChoice({ value, onChange, name }: { value: Colour; onChange: (c: Colour) => void; name: string }) {
  return (
    <fieldset class="colour-choice">
      <legend class="sr-only">{t("postit.colour")}</legend>
      {(["green", "pink"] as Colour[]).map((colour) => (
        <label key={colour} class={`colour-option colour-option-${colour} ${value === colour ? "chosen" : ""}`}>
          <input type="radio" name={name} value={colour} checked={value === colour} onChange={() => onChange(colour)} />
          <span aria-hidden="true">{colour === "green" ? "✔" : "?"}</span>{" "}
          <span>
            <strong>{t(colour === "green" ? "postit.green" : "postit.pink")}</strong>
            <small>{t(colour === "green" ? "postit.green_hint" : "postit.pink_hint")}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The parts of a view the wall reads. */
const WALL_PARTS = ["post_its", "players", "current_card_id"] as const;
type WallView = Pick<View, (typeof WALL_PARTS)[number]>;

/**
 * The wall of a room screen or the projector: reads its own parts of the session's view,
 * so pawns placed and the timer do not render it (or make it measure its pages) again.
 */
export const LivePostItWall = memo(function LivePostItWall({
  session,
  cardId,
  actions,
  showPending = false,
  big,
  paged,
}: {
  session: RoomSession;
  cardId: string;
  /** A room screen's edit actions (keep them the same object between renders). */
  actions?: PostItActions;
  /** Show this device's post-its not yet sent (a room screen; nobody writes on the projector). */
  showPending?: boolean;
  big?: boolean;
  paged?: boolean;
}) {
  const view = useViewParts(session, WALL_PARTS);
  const queue = showPending ? session : undefined;
  return view ? <PostItWall view={view} session={queue} cardId={cardId} actions={actions} big={big} paged={paged} /> : null;
});

/** The wall: both colours side by side, with pending (not yet sent) post-its marked. */
export function PostItWall({
  view,
  session,
  cardId,
  actions,
  big = false,
  paged = false,
}: {
  view: WallView;
  session?: RoomSession;
  cardId: string;
  actions?: PostItActions;
  big?: boolean;
  /** The projector: each colour fills its box and turns pages when it has more. */
  paged?: boolean;
}) {
  const postIts = postItsOf(view, cardId);
  // Its own selection of the queue (a new array of the same commands while nothing
  // changes), so a post-it sent or acknowledged re-renders the wall and nothing else.
  const pending =
    useSelected(session ?? null, (s) =>
      s.queue.items
        .map((p) => p.command)
        .filter((c) => c.type === "add_post_it" && (c.card_id ?? view.current_card_id) === cardId),
    ) ?? [];
  if (paged) {
    return (
      <section
        class={`wall wall-paged ${big ? "wall-big" : ""} ${postIts.length <= FEW ? "wall-few" : ""}`}
        aria-label={t("postit.wall")}
        data-testid="wall"
      >
        {(["green", "pink"] as Colour[]).map((colour) => {
          const notes = postIts.filter((p) => p.colour === colour);
          const items = notes.length
            ? notes.map((p) => <PostItNote key={p.id} view={view} postIt={p} big={big} />)
            : [<li key="none" class="empty">{t("postit.none")}</li>];
          return (
            <Pager
              key={colour}
              class={`wall-column wall-${colour}`}
              listClass="postit-list postit-grid"
              testId={`wall-${colour}`}
              head={
                <h3>
                  <ColourTag colour={colour} /> <span class="wall-hint">{t(colour === "green" ? "postit.green_hint" : "postit.pink_hint")}</span>{" "}
                  <span class="wall-count">({notes.length})</span>
                </h3>
              }
              items={items}
            />
          );
        })}
      </section>
    );
  }
  return (
    <section class={`wall ${big ? "wall-big" : ""}`} aria-label={t("postit.wall")} data-testid="wall">
      {(["green", "pink"] as Colour[]).map((colour) => {
        const mine = postIts.filter((p) => p.colour === colour);
        const waiting = pending.filter((c) => c.type === "add_post_it" && c.colour === colour);
        return (
          <div class={`wall-column wall-${colour}`} key={colour}>
            <h3>
              <ColourTag colour={colour} />{" "}
              <span class="wall-hint">{t(colour === "green" ? "postit.green_hint" : "postit.pink_hint")}</span>
            </h3>
            <ul class="postit-list">
              {mine.map((p) => (
                <PostItNote key={p.id} view={view} postIt={p} actions={actions} big={big} />
              ))}
              {waiting.map((c) =>
                c.type === "add_post_it" ? (
                  <li key={c.command_id} class={`postit postit-${c.colour} postit-pending`} data-testid="postit-pending">
                    <ColourTag colour={c.colour} />
                    <p class="postit-text">{c.text}</p>
                    <p class="postit-meta">{t("postit.pending")}</p>
                  </li>
                ) : null,
              )}
              {mine.length === 0 && waiting.length === 0 ? <li class="empty">{t("postit.none")}</li> : null}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/**
 * Writing a post-it. The text is a draft stored per card outside this component, so it
 * survives re-renders, the facilitator moving on, and reloads.
 */
export function PostItComposer({
  session,
  drafts,
  cardId,
  locked,
}: {
  session: RoomSession;
  drafts: Drafts;
  cardId: string;
  locked: boolean;
}) {
  useSubscription(drafts);
  const draft: Draft = drafts.get(cardId) ?? { text: "", colour: "green" };
  const update = (change: Partial<Draft>): void => drafts.set(cardId, { ...draft, ...change });
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = (e: Event): void => {
    e.preventDefault();
    const text = draft.text.trim();
    if (!text) return;
    // The button goes disabled with the field emptied, which drops its focus to the page:
    // someone on the keyboard is put back in the field for the next post-it. A tap or a
    // click (no focus ring) is left alone: a phone would pop its keyboard up again.
    const byKeyboard = document.activeElement?.matches(":focus-visible") ?? false;
    session.send({ type: "add_post_it", colour: draft.colour, text, card_id: cardId });
    drafts.set(cardId, null);
    if (byKeyboard) field.current?.focus();
  };
  return (
    <form class="composer" onSubmit={submit} data-testid="composer">
      <h3>{t("postit.write")}</h3>
      {locked ? <p class="locked-note">{t("postit.locked")}</p> : null}
      <ColourChoice value={draft.colour} onChange={(colour) => update({ colour })} name={`colour-${cardId}`} />
      {/* The counter sits outside the label: inside it, it became part of the field's
          name ("Tekst 0/280"); it describes the field instead. */}
      <div class="field">
        <label class="label" for={`postit-text-${cardId}`}>
          {t("postit.text_label")}
        </label>
        <textarea
          ref={field}
          id={`postit-text-${cardId}`}
          data-testid="postit-text"
          value={draft.text}
          maxLength={POST_IT_MAX}
          rows={3}
          disabled={locked}
          aria-describedby={`postit-count-${cardId}`}
          onInput={(e) => update({ text: e.currentTarget.value })}
        />
        <span class="counter" id={`postit-count-${cardId}`}>
          {draft.text.length}/{POST_IT_MAX}
        </span>
      </div>
      <button type="submit" class="btn btn-primary" disabled={locked || !draft.text.trim()}>
        {t("postit.add")}
      </button>
    </form>
  );
}

/** Unfinished drafts of earlier cards, still sendable to that card. */
export function EarlierDrafts({
  view,
  session,
  drafts,
  currentCardId,
}: {
  view: Pick<View, "cards" | "post_its_locked">;
  session: RoomSession;
  drafts: Drafts;
  currentCardId: string | null;
}) {
  useSubscription(drafts);
  const lang = language();
  const slots = drafts
    .slots()
    .filter((s) => s !== currentCardId && view.cards[s]?.started && (drafts.get(s)?.text.trim() ?? "") !== "");
  if (slots.length === 0) return null;
  return (
    <section class="earlier-drafts" data-testid="earlier-drafts">
      <h3>{t("postit.earlier_drafts")}</h3>
      {slots.map((slot) => {
        const draft = drafts.get(slot);
        const card = view.cards[slot];
        if (!draft || !card) return null;
        return (
          <div class="earlier-draft" key={slot}>
            <p>
              <ColourTag colour={draft.colour} /> <q>{draft.text}</q>
            </p>
            <p class="muted">{t("postit.for_card", { card: local(card.title ?? card.text, lang).slice(0, 80) })}</p>
            <div class="row">
              <button
                type="button"
                class="btn btn-small btn-primary"
                disabled={view.post_its_locked}
                onClick={() => {
                  session.send({ type: "add_post_it", colour: draft.colour, text: draft.text.trim(), card_id: slot });
                  drafts.set(slot, null);
                }}
              >
                {t("postit.add_to_card")}
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => drafts.set(slot, null)}>
                {t("postit.discard")}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
