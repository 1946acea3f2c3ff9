/**
 * Case cards (casus). Two ways in, both from seed 003 (a player writes a case from their
 * practice, the others respond, then it is played like a statement):
 * - `CaseCardForm`: anyone writes a new case, played right after this card;
 * - `WriteCase`: a blank case card from a deck comes up; its text is a prompt, and its
 *   reader (or the facilitator) writes the case before anyone places a pawn on it.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { Card, View } from "../protocol";
import type { Drafts } from "../state/drafts";
import { currentCard, local } from "../state/selectors";
import type { RoomSession } from "../state/session";
import { useSubscription } from "../hooks";

const TITLE = "__case_title";
const TEXT = "__case_text";

export function CaseCardForm({ session, drafts, startOpen = false }: { session: RoomSession; drafts: Drafts; startOpen?: boolean }) {
  useSubscription(drafts);
  const title = drafts.get(TITLE)?.text ?? "";
  const text = drafts.get(TEXT)?.text ?? "";
  const [open, setOpen] = useState(startOpen || text !== "");
  const [sent, setSent] = useState(false);
  // Opened or closed by a person, focus follows to the form's first field or back to the
  // button (an element that disappears would leave a keyboard user at the page's top).
  const [moved, setMoved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!moved) return;
    if (open) form.current?.querySelector<HTMLElement>("input, textarea")?.focus();
    else toggle.current?.focus();
    setMoved(false);
  }, [open, moved]);
  const show = (value: boolean): void => {
    setOpen(value);
    setMoved(true);
  };
  if (!open) {
    return (
      <div class="case-toggle">
        {sent ? <p class="ok-note" role="status">✔ {t("case.sent")}</p> : null}
        <button type="button" class="btn" ref={toggle} onClick={() => show(true)} data-testid="case-open">
          ✎ {t("case.open")}
        </button>
      </div>
    );
  }
  return (
    <form
      ref={form}
      class="case-form"
      data-testid="case-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        session.send({ type: "add_case_card", text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
        drafts.set(TITLE, null);
        drafts.set(TEXT, null);
        setSent(true);
        show(false);
      }}
    >
      <h3>{t("case.title")}</h3>
      <p class="muted">{t("case.hint")}</p>
      <CaseFields drafts={drafts} slots={[TITLE, TEXT]} testId="case" rows={4} />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={!text.trim()}>
          {t("case.add")}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => show(false)}>
          {t("common.close")}
        </button>
      </div>
    </form>
  );
}

/** The parts of a view the card's case and reader texts read. */
export type CaseView = Pick<View, "phase" | "current_card_id" | "cards" | "players" | "me">;

/** The current card, if it is a deck's blank case card still waiting for its case. */
export function caseToWrite(view: CaseView): Card | null {
  const card = currentCard(view);
  return view.phase === "read" && card?.to_write ? card : null;
}

function readerName(view: Pick<View, "players">, card: Card): string {
  return (card.reader_id && view.players[card.reader_id]?.name) || "";
}

/** The step's instruction while a blank case card waits for its case, else null. */
export function caseInstruction(view: CaseView): string | null {
  const card = caseToWrite(view);
  if (!card) return null;
  if (card.reader_id !== null && card.reader_id === view.me.player_id) return t("instruction.write_case_me");
  return t("instruction.write_case", { name: readerName(view, card) });
}

/** Who reads (or, for a blank case card, writes) the card, for the card's header. */
export function readerLabel(view: Pick<View, "players" | "me">, card: Card): string | null {
  if (!card.reader_id || !view.players[card.reader_id]) return null;
  const me = card.reader_id === view.me.player_id;
  if (card.to_write) return me ? t("card.reader_writes_me") : t("card.reader_writes", { name: readerName(view, card) });
  return me ? t("card.reader_me") : t("card.reader", { name: readerName(view, card) });
}

/** The prompt a written case answered, shown small under the case. */
export function CasePrompt({ card }: { card: Card }) {
  if (!card.prompt) return null;
  return (
    <p class="case-prompt muted" data-testid="case-prompt">
      <span class="label">{t("case.prompt_label")}:</span> {local(card.prompt, language())}
    </p>
  );
}

/** The reader's form for the case a blank deck case card asks for (the facilitator may fill it in too). */
export function WriteCase({
  view,
  session,
  drafts,
  facilitator,
}: {
  view: CaseView;
  session: RoomSession;
  drafts: Drafts;
  facilitator: boolean;
}) {
  useSubscription(drafts);
  const card = caseToWrite(view);
  if (!card) return null;
  const readerIsMe = card.reader_id !== null && card.reader_id === view.me.player_id;
  if (!readerIsMe && !facilitator) return null;
  const titleSlot = `__write_case_title:${card.id}`;
  const textSlot = `__write_case_text:${card.id}`;
  const title = drafts.get(titleSlot)?.text ?? "";
  const text = drafts.get(textSlot)?.text ?? "";
  return (
    <form
      class="case-form case-write"
      data-testid="write-case"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        session.send({ type: "write_case", text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
        drafts.set(titleSlot, null);
        drafts.set(textSlot, null);
      }}
    >
      <h2>{readerIsMe ? t("case.write_title") : t("case.write_title_facilitator")}</h2>
      <p class="muted">
        {readerIsMe ? t("case.write_hint") : t("case.write_hint_facilitator", { name: readerName(view, card) })}
      </p>
      <CaseFields
        drafts={drafts}
        slots={[titleSlot, textSlot]}
        testId="write-case"
        rows={5}
        placeholder={local(card.title, language())}
      />
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={!text.trim()} data-testid="write-case-submit">
          {t("case.write_submit")}
        </button>
      </div>
    </form>
  );
}

/** The title and text fields of a case, kept as drafts so nothing typed is lost. */
function CaseFields(props: {
  drafts: Drafts;
  slots: [string, string];
  testId: string;
  rows: number;
  placeholder?: string;
}) {
  const { drafts, slots, testId, rows, placeholder } = props;
  const [titleSlot, textSlot] = slots;
  return (
    <>
      <label class="field">
        <span class="label">{t("case.title_label")}</span>
        <input
          type="text"
          maxLength={60}
          value={drafts.get(titleSlot)?.text ?? ""}
          placeholder={placeholder}
          data-testid={`${testId}-title`}
          onInput={(e) => drafts.set(titleSlot, { text: e.currentTarget.value, colour: "green" })}
        />
      </label>
      <label class="field">
        <span class="label">{t("case.text_label")}</span>
        <textarea
          maxLength={400}
          rows={rows}
          value={drafts.get(textSlot)?.text ?? ""}
          data-testid={`${testId}-text`}
          onInput={(e) => drafts.set(textSlot, { text: e.currentTarget.value, colour: "green" })}
        />
      </label>
    </>
  );
}
