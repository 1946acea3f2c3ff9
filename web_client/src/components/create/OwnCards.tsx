/**
 * The facilitator's own cards in the create flow: write a statement, scenario or case
 * prompt (title optional, Dutch and/or English), edit, remove. New cards join the playing
 * order at the end; the order list (Home) reorders them with the deck cards. The server
 * checks the deck with the content models (debounced), and each problem is shown next to
 * its field. Card texts are rendered as text (Preact escapes), never as markup.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { t, type Key } from "../../i18n";
import type { Both, CardKind, OwnCard, OwnDeck, Problem } from "../../state/ownDecks";
import { checkDeck, newCardId } from "../../state/ownDecks";
import { DeckFiles } from "./DeckFiles";
import { fieldText, problemText } from "./problems";

/** How an own card is named in the (client-side) playing order; mapped to the deck's id
 *  when the room is opened, so renaming the deck never breaks the order. */
export const OWN = "~own/";

const KINDS: [CardKind, Key][] = [
  ["statement", "own.kind_statement"],
  ["scenario", "own.kind_scenario"],
  ["case", "own.kind_case"],
];

export function OwnCards({
  deck,
  setDeck,
  chosen,
  setChosen,
  onProblems,
}: {
  deck: OwnDeck;
  setDeck: (deck: OwnDeck) => void;
  chosen: string[];
  setChosen: (chosen: string[]) => void;
  onProblems: (count: number) => void;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (deck.cards.length === 0) {
      setProblems([]);
      onProblems(0);
      return;
    }
    timer.current = window.setTimeout(() => {
      checkDeck(deck)
        .then((checked) => {
          setProblems(checked.problems);
          onProblems(checked.problems.length);
        })
        .catch(() => undefined); // offline: the create request is checked again anyway
    }, 350);
    return () => window.clearTimeout(timer.current);
  }, [deck]);

  const update = (index: number, card: OwnCard): void =>
    setDeck({ ...deck, cards: deck.cards.map((c, i) => (i === index ? card : c)) });
  const add = (): void => {
    const card: OwnCard = {
      id: newCardId(deck),
      kind: "statement",
      title: { nl: "", en: "" },
      text: { nl: "", en: "" },
      minutes: null,
    };
    setDeck({ ...deck, cards: [...deck.cards, card] });
    setChosen([...chosen, OWN + card.id]);
    window.setTimeout(() => document.getElementById(`own-${card.id}-text-nl`)?.focus(), 0);
  };
  const remove = (index: number): void => {
    const id = deck.cards[index].id;
    setDeck({ ...deck, cards: deck.cards.filter((_, i) => i !== index) });
    setChosen(chosen.filter((c) => c !== OWN + id));
  };
  const deckProblems = problems.filter((p) => p.card === null);

  return (
    <section class="own-cards" aria-labelledby="own-title" data-testid="own-cards">
      <h3 id="own-title">{t("own.title")}</h3>
      <p class="muted">{t("own.hint")}</p>
      <label class="field">
        <span class="label">{t("own.deck_name")}</span>
        <input
          type="text"
          maxLength={600}
          value={deck.name.nl}
          onInput={(e) => setDeck({ ...deck, name: { nl: e.currentTarget.value, en: deck.name.en } })}
        />
      </label>
      {deckProblems.length ? <FieldErrors problems={deckProblems} place /> : null}
      <ol class="own-list">
        {deck.cards.map((card, index) => (
          <li key={card.id}>
            <CardEditor
              card={card}
              number={index + 1}
              problems={problems.filter((p) => p.card === index)}
              onChange={(c) => update(index, c)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <button type="button" class="btn" onClick={add} data-testid="own-add">
        + {t("own.add")}
      </button>
      <DeckFiles deck={deck} setDeck={setDeck} chosen={chosen} setChosen={setChosen} blocked={problems.length > 0} />
    </section>
  );
}

function CardEditor({
  card,
  number,
  problems,
  onChange,
  onRemove,
}: {
  card: OwnCard;
  number: number;
  problems: Problem[];
  onChange: (card: OwnCard) => void;
  onRemove: () => void;
}) {
  // A text left empty in one language is the other's copy: its problems are the other's.
  const copied = (suffix: string): boolean => {
    const [key, lang] = suffix.split(".") as ["title" | "text", keyof Both | undefined];
    if (!lang || (key !== "title" && key !== "text")) return false;
    const other = lang === "nl" ? "en" : "nl";
    return !card[key][lang].trim() && card[key][other].trim() !== "";
  };
  const at = (suffix: string): Problem[] =>
    copied(suffix) ? [] : problems.filter((p) => p.field.endsWith(`].${suffix}`));
  const base = `own-${card.id}`;
  const text = (key: "title" | "text", lang: keyof Both, value: string): void =>
    onChange({ ...card, [key]: { ...card[key], [lang]: value } });
  const isCase = card.kind === "case";
  return (
    <div class={`own-card own-${card.kind}`} data-testid="own-card">
      <div class="own-card-head">
        <strong>{t("own.card_no", { number })}</strong>
        {isCase ? <span class="kind-tag kind-case">{t("own.kind_case")}</span> : null}
        <label class="inline-field">
          <span>{t("own.kind")}</span>
          <select value={card.kind} onChange={(e) => onChange({ ...card, kind: e.currentTarget.value as CardKind })}>
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="btn btn-small" onClick={onRemove} aria-label={t("own.remove", { number })}>
          ✕ {t("own.remove_short")}
        </button>
      </div>
      {isCase ? <p class="own-case-note">{t("own.case_note")}</p> : null}
      <div class="own-langs">
        {(["nl", "en"] as const).map((lang) => (
          <div key={lang} class="own-lang">
            <label class="field" for={`${base}-title-${lang}`}>
              <span class="label">{t(lang === "nl" ? "own.title_nl" : "own.title_en")}</span>
            </label>
            <input
              id={`${base}-title-${lang}`}
              type="text"
              maxLength={600}
              value={card.title[lang]}
              aria-invalid={at(`title.${lang}`).length > 0}
              onInput={(e) => text("title", lang, e.currentTarget.value)}
            />
            <FieldErrors problems={at(`title.${lang}`)} />
            <label class="field" for={`${base}-text-${lang}`}>
              <span class="label">{t(isCase ? (lang === "nl" ? "own.prompt_nl" : "own.prompt_en") : lang === "nl" ? "own.text_nl" : "own.text_en")}</span>
            </label>
            <textarea
              id={`${base}-text-${lang}`}
              rows={3}
              value={card.text[lang]}
              aria-invalid={at(`text.${lang}`).length > 0}
              onInput={(e) => text("text", lang, e.currentTarget.value)}
            />
            <FieldErrors problems={at(`text.${lang}`)} />
          </div>
        ))}
      </div>
      <label class="inline-field">
        <span>{t("own.minutes")}</span>
        <input
          type="number"
          min={1}
          max={60}
          value={card.minutes ?? ""}
          placeholder="–"
          onInput={(e) => onChange({ ...card, minutes: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
        />
      </label>
      <FieldErrors problems={[...at("minutes"), ...at("kind"), ...at("id")]} />
    </div>
  );
}

export function FieldErrors({ problems, place = false }: { problems: Problem[]; place?: boolean }) {
  if (!problems.length) return null;
  return (
    <ul class="field-errors">
      {problems.map((p, i) => (
        <li key={i} class="error">
          {place && p.field ? `${fieldText(p.field)}: ` : ""}
          {fieldProblem(p)}
        </li>
      ))}
    </ul>
  );
}

/** Next to a field of the editor a few problems read better in the editor's words. */
function fieldProblem(p: Problem): string {
  if (p.code === "empty" || p.code === "missing") return t("own.required");
  if ((p.code === "too_small" || p.code === "too_large" || p.code === "not_whole_number") && p.field.endsWith("minutes")) {
    return t("own.minutes_range");
  }
  return problemText(p);
}
