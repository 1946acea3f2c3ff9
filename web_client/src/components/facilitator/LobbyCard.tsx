/**
 * In the lobby, before the game starts: the facilitator writes one more card of their own
 * (`add_card`): a statement, a scenario or a case prompt, Dutch and/or English (a text
 * left empty in one language uses the other, as in the create form).
 */

import { useState } from "preact/hooks";
import { t, type Key } from "../../i18n";
import type { RoomSession } from "../../state/session";
import type { CardKind } from "../../state/ownDecks";

const KINDS: [CardKind, Key][] = [
  ["statement", "own.kind_statement"],
  ["scenario", "own.kind_scenario"],
  ["case", "own.kind_case"],
];

export function LobbyCard({ session, online }: { session: RoomSession; online: boolean }) {
  const [kind, setKind] = useState<CardKind>("statement");
  const [nl, setNl] = useState("");
  const [en, setEn] = useState("");
  const text = { nl: (nl.trim() || en.trim()).slice(0, 600), en: (en.trim() || nl.trim()).slice(0, 600) };
  const submit = (e: Event): void => {
    e.preventDefault();
    if (!text.nl) return;
    session.send({ type: "add_card", kind, text });
    setNl("");
    setEn("");
  };
  return (
    <form class={`lobby-card own-card own-${kind}`} onSubmit={submit} data-testid="lobby-card">
      <h3>{t("own.lobby_title")}</h3>
      <label class="inline-field">
        <span>{t("own.kind")}</span>
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as CardKind)}>
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {t(label)}
            </option>
          ))}
        </select>
      </label>
      {kind === "case" ? <p class="own-case-note">{t("own.case_note")}</p> : null}
      <label class="field">
        <span class="label">{t(kind === "case" ? "own.prompt_nl" : "own.text_nl")}</span>
        <textarea rows={2} maxLength={600} value={nl} onInput={(e) => setNl(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="label">{t(kind === "case" ? "own.prompt_en" : "own.text_en")}</span>
        <textarea rows={2} maxLength={600} value={en} onInput={(e) => setEn(e.currentTarget.value)} />
      </label>
      <button type="submit" class="btn" disabled={!online || !text.nl}>
        + {t("own.lobby_add")}
      </button>
    </form>
  );
}
