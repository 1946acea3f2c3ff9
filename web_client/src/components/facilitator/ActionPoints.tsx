/** Action points: the plan the group makes in the summary, written down by the facilitator. */

import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import type { Key } from "../../i18n";
import type { ActionPoint } from "../../protocol";
import type { PageView } from "../../hooks";
import type { RoomSession } from "../../state/session";
import { ConfirmButton } from "../common";
import { ActionPointText } from "../Summary";
import type { ActionSource } from "../Plenary";

type ApFields = Pick<ActionPoint, "what" | "who" | "first_step" | "evaluate_when">;
const EMPTY: ApFields = { what: "", who: "", first_step: "", evaluate_when: "" };
const FIELDS: (keyof ApFields)[] = ["what", "who", "first_step", "evaluate_when"];

export function ActionPointsEditor({
  view,
  session,
  source = null,
  onSourceDone,
}: {
  view: PageView;
  session: RoomSession;
  /** A plenary item the facilitator chose to turn into this action point. */
  source?: ActionSource | null;
  onSourceDone?: () => void;
}) {
  const [fields, setFields] = useState<ApFields>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const whatRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!source) return;
    setEditing(null);
    setFields({ ...EMPTY, what: source.text.slice(0, 200) });
    whatRef.current?.focus();
  }, [source]);
  const points = Object.values(view.action_points).sort((a, b) => a.created_at - b.created_at);
  const complete = FIELDS.every((f) => fields[f].trim() !== "");
  return (
    <section class="panel action-points" aria-label={t("actions.title")} data-testid="action-points">
      <h2>{t("actions.title")}</h2>
      <ol class="action-list">
        {points.map((a) => (
          <li key={a.id}>
            <ActionPointText point={a} view={view} />
            <span class="row">
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setEditing(a.id);
                  setFields({ what: a.what, who: a.who, first_step: a.first_step, evaluate_when: a.evaluate_when });
                }}
              >
                {t("common.edit")}
              </button>
              <ConfirmButton
                class="btn btn-small btn-quiet"
                label={t("common.delete")}
                confirmLabel={t("common.delete_confirm")}
                onConfirm={() => session.send({ type: "delete_action_point", action_point_id: a.id })}
              />
            </span>
          </li>
        ))}
      </ol>
      <form
        class="action-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!complete) return;
          const clean = Object.fromEntries(FIELDS.map((f) => [f, fields[f].trim()])) as ApFields;
          if (editing) session.send({ type: "edit_action_point", action_point_id: editing, ...clean });
          else session.send({ type: "add_action_point", ...clean, ...(source ? { item: source.ref.item, item_id: source.ref.id } : {}) });
          setFields(EMPTY);
          setEditing(null);
          onSourceDone?.();
        }}
      >
        <h3>{editing ? t("actions.edit") : t("actions.add_title")}</h3>
        {source && !editing ? <p class="muted" data-testid="ap-source">{t("plenary.action_from", { text: source.text })}</p> : null}
        {FIELDS.map((f) => (
          <label class="field" key={f}>
            <span class="label">{t(`actions.${f}` as Key)}</span>
            <input
              type="text"
              maxLength={200}
              value={fields[f]}
              data-testid={`ap-${f}`}
              ref={f === "what" ? whatRef : undefined}
              placeholder={t(`actions.${f}_placeholder` as Key)}
              onInput={(e) => setFields({ ...fields, [f]: e.currentTarget.value })}
            />
          </label>
        ))}
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={!complete} data-testid="ap-submit">
            {editing ? t("common.save") : t("actions.add")}
          </button>
          {editing ? (
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => {
                setEditing(null);
                setFields(EMPTY);
              }}
            >
              {t("common.cancel")}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
