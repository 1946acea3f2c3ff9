/**
 * The cross-table plenary from the workshop's screen. While the tables play: start it (a
 * confirm first: every table's piles are gathered at that moment), and the plenary room
 * opens for the facilitator as a table does. Once it is open: the way into it; the
 * overview stays here.
 */

import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import type { FacilitatorPlenary, WorkshopView } from "../../protocol";
import { go } from "../../router";
import { saveCredentials } from "../../state/storage";
import type { WorkshopSession } from "../../state/workshopSession";
import { ConfirmButton } from "../common";

/** Keep the facilitator's keys to the plenary room, so it opens (and reloads) as a table does. */
export function savePlenaryKeys(workshop: string, plenary: FacilitatorPlenary): void {
  saveCredentials(plenary.code, "facilitator", {
    token: plenary.facilitator_token,
    projector_token: plenary.projector_token,
    workshop,
    table_id: plenary.id,
  });
}

export function PlenaryStart({ session, view }: { session: WorkshopSession<WorkshopView>; view: WorkshopView }) {
  const [opening, setOpening] = useState(false);
  // Started from here: go into the room once the workshop names it (the reply comes after
  // the server made the room).
  useEffect(() => {
    if (!opening || !view.plenary) return;
    savePlenaryKeys(view.code, view.plenary);
    go(`#/room/${view.plenary.code}`);
  }, [opening, view.plenary?.code]);
  if (view.phase !== "playing") return null;
  return (
    <section class="panel plenary-start" aria-labelledby="plenary-start-title" data-testid="plenary-start">
      <h2 id="plenary-start-title">{t("plenary.title")}</h2>
      <p class="muted">{t("plenary.start_hint")}</p>
      <ConfirmButton
        class="btn btn-primary"
        label={t("plenary.start")}
        confirmLabel={t("plenary.start_confirm")}
        disabled={!session.online}
        onConfirm={() => {
          void session.send({ type: "open_plenary" }).then((result) => setOpening(result !== null));
        }}
      />
    </section>
  );
}

/** In phase plenary, at the top of the workshop's screen: into the plenary room. */
export function PlenaryOpen({ view }: { view: WorkshopView }) {
  if (!view.plenary) return null;
  return (
    <section class="panel plenary-open" aria-labelledby="plenary-open-title" data-testid="plenary-open">
      <h2 id="plenary-open-title">{t("plenary.title")}</h2>
      <p>{t("plenary.open_hint")}</p>
      <a class="btn btn-primary btn-big" href={`#/room/${view.plenary.code}`}>
        {t("plenary.open")}
      </a>
    </section>
  );
}
