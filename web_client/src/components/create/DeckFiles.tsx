/**
 * Save the own cards as a deck (YAML for cards/, XLSX one row per card, or remembered in
 * this browser) and load a deck (YAML, XLSX or CSV; file picker or drag and drop). The
 * server reads and writes the files (stateless routes); a file with problems gets a list
 * naming the line, or the row and column, of each.
 */

import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { OwnDeck, Problem } from "../../state/ownDecks";
import { forgetDeck, readDeckFile, rememberDeck, savedDecks, slug, writeDeckFile } from "../../state/ownDecks";
import { OWN } from "./OwnCards";
import { problemPlace, problemText } from "./problems";

export function DeckFiles({
  deck,
  setDeck,
  chosen,
  setChosen,
  blocked,
}: {
  deck: OwnDeck;
  setDeck: (deck: OwnDeck) => void;
  chosen: string[];
  setChosen: (chosen: string[]) => void;
  blocked: boolean;
}) {
  const [saved, setSaved] = useState<OwnDeck[]>(() => savedDecks());
  const [problems, setProblems] = useState<Problem[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const empty = deck.cards.length === 0;
  const named = (): OwnDeck => ({ ...deck, id: slug(deck.name.nl || deck.name.en) });

  const use = (loaded: OwnDeck): void => {
    setDeck(loaded);
    // The loaded deck replaces the own cards in the order; its cards go at the end.
    setChosen([...chosen.filter((c) => !c.startsWith(OWN)), ...loaded.cards.map((c) => OWN + c.id)]);
  };
  const download = async (format: "yaml" | "xlsx"): Promise<void> => {
    setNote(null);
    const deckNow = named();
    const result = await writeDeckFile(deckNow, format).catch(() => null);
    if (result === null) return setNote(t("error.no_connection"));
    if (!(result instanceof Blob)) return setProblems(result);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(result);
    link.download = `${deckNow.id}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const remember = (): void => {
    const ok = rememberDeck(named());
    setSaved(savedDecks());
    setNote(ok ? t("own.remembered") : t("own.storage_blocked"));
  };
  const load = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setNote(null);
    const checked = await readDeckFile(file).catch(() => null);
    if (checked === null) return setNote(t("error.no_connection"));
    setProblems(checked.problems);
    if (checked.deck) {
      use(checked.deck);
      setNote(t("own.loaded", { name: checked.deck.name.nl, count: checked.deck.cards.length }));
    }
  };

  return (
    <div class="deck-files">
      <h4>{t("own.save_title")}</h4>
      <div class="button-row">
        <button type="button" class="btn" disabled={empty || blocked} onClick={() => void download("yaml")}>
          {t("own.download_yaml")}
        </button>
        <button type="button" class="btn" disabled={empty || blocked} onClick={() => void download("xlsx")}>
          {t("own.download_xlsx")}
        </button>
        <button type="button" class="btn" disabled={empty || blocked} onClick={remember}>
          {t("own.remember")}
        </button>
      </div>
      <h4>{t("own.load_title")}</h4>
      <label
        class={`drop-zone ${over ? "drop-over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void load(e.dataTransfer?.files[0]);
        }}
      >
        <span>{t("own.drop")}</span>
        <input
          type="file"
          accept=".yaml,.yml,.xlsx,.csv"
          onChange={(e) => {
            void load(e.currentTarget.files?.[0]);
            e.currentTarget.value = "";
          }}
        />
      </label>
      {note ? (
        <p class="ok-note" role="status">
          {note}
        </p>
      ) : null}
      {problems.length ? (
        <div class="file-problems" role="alert">
          <p>
            <strong>{problems.length === 1 ? t("own.problems_one") : t("own.problems", { count: problems.length })}</strong>
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {problemPlace(p) ? <span class="problem-place">{problemPlace(p)}: </span> : null}
                {problemText(p)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {saved.length ? (
        <>
          <h4>{t("own.saved_title")}</h4>
          <ul class="saved-decks" data-testid="saved-decks">
            {saved.map((d) => (
              <li key={d.id}>
                <span class="order-text">
                  <strong>{d.name.nl || d.id}</strong> <span class="muted">({t("create.card_count", { count: d.cards.length })})</span>
                </span>
                <button type="button" class="btn btn-small" onClick={() => use(d)}>
                  {t("own.use", { name: d.name.nl || d.id })}
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={t("own.forget", { name: d.name.nl || d.id })}
                  onClick={() => {
                    forgetDeck(d.id);
                    setSaved(savedDecks());
                  }}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
