/**
 * The facilitator's latest broadcast, on every player's screen of every table: a banner
 * that is read out once (status), closed by the player on their own screen (remembered
 * per message in this browser, so a reload does not bring it back).
 */

import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { storage } from "../../state/storage";

const DISMISSED = "lk:broadcast-dismissed";

export function BroadcastMessage({ message }: { message: { text: string; at: number } }) {
  const [dismissed, setDismissed] = useState(() => storage.getItem(DISMISSED));
  const id = `${message.at}:${message.text.length}`;
  if (dismissed === id) return null;
  return (
    <div class="broadcast-banner" role="status" data-testid="broadcast-message">
      <p>
        <strong>{t("broadcast.from_facilitator")}</strong> <span class="broadcast-text">{message.text}</span>
      </p>
      <button
        type="button"
        class="btn btn-small"
        onClick={() => {
          storage.setItem(DISMISSED, id);
          setDismissed(id);
        }}
      >
        {t("broadcast.dismiss")}
      </button>
    </div>
  );
}
