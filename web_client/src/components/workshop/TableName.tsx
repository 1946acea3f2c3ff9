/** A table's name with "Naam wijzigen" beside it: an inline form (no browser dialogs). */

import { useState } from "preact/hooks";
import { t } from "../../i18n";

export const TABLE_NAME_MAX = 40;

export function RenameTable({ name, disabled = false, onRename }: { name: string; disabled?: boolean; onRename: (name: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  if (!editing) {
    return (
      <button
        type="button"
        class="btn btn-small btn-quiet"
        disabled={disabled}
        onClick={() => {
          setValue(name);
          setEditing(true);
        }}
        aria-label={t("table_name.edit_label", { table: name })}
      >
        {t("table_name.edit")}
      </button>
    );
  }
  return (
    <form
      class="rename-table"
      onSubmit={(e) => {
        e.preventDefault();
        const next = value.trim();
        if (next && next !== name) onRename(next);
        setEditing(false);
      }}
    >
      <label>
        <span class="sr-only">{t("table_name.label", { table: name })}</span>
        <input type="text" value={value} maxLength={TABLE_NAME_MAX} autoFocus onInput={(e) => setValue(e.currentTarget.value)} />
      </label>
      <button type="submit" class="btn btn-small btn-primary" disabled={!value.trim()}>
        {t("common.save")}
      </button>
      <button type="button" class="btn btn-small btn-quiet" onClick={() => setEditing(false)}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
