/**
 * "Bewaar kaarten als eigen set": the facilitator keeps the cards of this room (deck
 * cards, own cards and the cases written in the game) as an own deck, remembered in this
 * browser (the create form's "Bewaard in deze browser") and/or downloaded as a deck file.
 * The server checks the deck first (the stateless deck routes), so what is kept can be
 * opened again; its problems are shown in the UI's language.
 */

import { memo } from "preact/compat";
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import type { RoomSession } from "../../state/session";
import { useViewParts } from "../../hooks";
import { checkDeck, deckFromRoom, rememberDeck, writeDeckFile, type Problem } from "../../state/ownDecks";
import { problemPlace, problemText } from "../create/problems";

const PARTS = ["title", "agenda", "cards", "board"] as const;

export const SaveDeck = memo(function SaveDeck({ session }: { session: RoomSession }) {
  const view = useViewParts(session, PARTS);
  const [note, setNote] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  if (!view || view.agenda.length === 0) return null;

  const keep = async (): Promise<void> => {
    setBusy(true);
    setNote(null);
    const deck = deckFromRoom(view);
    const checked = await checkDeck(deck).catch(() => null);
    setBusy(false);
    if (checked === null) return setNote(t("error.no_connection"));
    setProblems(checked.problems);
    if (!checked.deck) return;
    const ok = rememberDeck({ ...checked.deck, name: deck.name });
    setNote(ok ? t("save_deck.kept", { name: deck.name.nl, count: deck.cards.length }) : t("own.storage_blocked"));
  };
  const download = async (): Promise<void> => {
    setNote(null);
    const deck = deckFromRoom(view);
    const result = await writeDeckFile(deck, "yaml").catch(() => null);
    if (result === null) return setNote(t("error.no_connection"));
    if (!(result instanceof Blob)) return setProblems(result);
    setProblems([]);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(result);
    link.download = `${deck.id}.yaml`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  return (
    <section class="panel save-deck" aria-labelledby="save-deck-title" data-testid="save-deck">
      <h2 id="save-deck-title">{t("save_deck.title")}</h2>
      <p class="muted">{t("save_deck.hint", { count: view.agenda.length })}</p>
      <div class="button-row">
        <button type="button" class="btn" disabled={busy} onClick={() => void keep()}>
          {busy ? t("common.busy") : t("save_deck.keep")}
        </button>
        <button type="button" class="btn" onClick={() => void download()}>
          {t("own.download_yaml")}
        </button>
      </div>
      {note ? (
        <p class="ok-note" role="status">
          {note}
        </p>
      ) : null}
      {problems.length ? (
        <ul class="field-errors" role="alert">
          {problems.map((p, i) => (
            <li key={i} class="error">
              {problemPlace(p) ? `${problemPlace(p)}: ` : ""}
              {problemText(p)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});
