/** Writing a case card (casus): a case from one's own practice, played right after this card. */

import { useState } from "preact/hooks";
import { t } from "../i18n";
import type { Drafts } from "../state/drafts";
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
  if (!open) {
    return (
      <div class="case-toggle">
        {sent ? <p class="ok-note" role="status">✔ {t("case.sent")}</p> : null}
        <button type="button" class="btn" onClick={() => setOpen(true)} data-testid="case-open">
          ✎ {t("case.open")}
        </button>
      </div>
    );
  }
  return (
    <form
      class="case-form"
      data-testid="case-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        session.send({ type: "add_case_card", text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
        drafts.set(TITLE, null);
        drafts.set(TEXT, null);
        setSent(true);
        setOpen(false);
      }}
    >
      <h3>{t("case.title")}</h3>
      <p class="muted">{t("case.hint")}</p>
      <label class="field">
        <span class="label">{t("case.title_label")}</span>
        <input
          type="text"
          maxLength={60}
          value={title}
          data-testid="case-title"
          onInput={(e) => drafts.set(TITLE, { text: e.currentTarget.value, colour: "green" })}
        />
      </label>
      <label class="field">
        <span class="label">{t("case.text_label")}</span>
        <textarea
          maxLength={400}
          rows={4}
          value={text}
          data-testid="case-text"
          onInput={(e) => drafts.set(TEXT, { text: e.currentTarget.value, colour: "green" })}
        />
      </label>
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={!text.trim()}>
          {t("case.add")}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
          {t("common.close")}
        </button>
      </div>
    </form>
  );
}
