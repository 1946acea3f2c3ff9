/**
 * A participant on the workshop's code: the workshop says which table they sit at, and
 * they go to that table's ordinary room screen with the table's player token (kept beside
 * the workshop token, so a reload of the table works as a room's). Not seated yet (the
 * facilitator assigns), or moved: they wait here, and follow as soon as the view names a
 * table. In seating "choose" they pick their table here (`choose_table`), seeing who sits
 * where. The latest broadcast shows here too.
 */

import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import type { ParticipantView } from "../protocol";
import { useSessionLanguage, useWorkshopSession } from "../hooks";
import { saveCredentials } from "../state/storage";
import type { WorkshopSession } from "../state/workshopSession";
import { refusalText } from "../components/common";
import { BroadcastMessage } from "../components/workshop/BroadcastMessage";
import { TablePicker } from "../components/workshop/TablePicker";
import { tableOrder } from "../state/workshop";
import { JoinForm } from "./Home";
import { WorkshopBanner, WorkshopTop } from "./Workshop";

export function WorkshopParticipantScreen({ code }: { code: string }) {
  const session = useWorkshopSession<ParticipantView>(code, "participant");
  const view = session?.view ?? null;
  useSessionLanguage(view?.language);
  // Once the facilitator opened the plenary, everyone goes there instead of to their table.
  const table = view?.plenary ?? view?.table ?? null;
  useEffect(() => {
    if (!view || !table) return;
    saveCredentials(table.code, "player", { token: table.token, player_id: view.me.participant_id, name: view.name, workshop: code, table_id: table.id });
    // replace: "back" from the table should not land here and bounce forward again.
    window.location.replace(`#/room/${table.code}`);
  }, [table?.code, table?.token]);
  if (!session) return null;
  const choices = view ? tableOrder(Object.keys(view.tables)).map((id) => view.tables[id]) : [];
  return (
    <div class="page">
      <div class="sticky-top">
        <WorkshopTop code={code} title={view?.title} />
        <WorkshopBanner session={session} />
      </div>
      <WorkshopNotices session={session} />
      <main class="narrow">
        {session.status === "failed" ? (
          <section class="panel" data-testid="gone">
            <h1>{t("room.cannot_enter")}</h1>
            <p>{session.failure ? refusalText(session.failure.code, session.failure.message) : ""}</p>
            <JoinForm initialCode={code} />
          </section>
        ) : !view ? (
          <section class="panel">
            <p>{t("connection.connecting")}</p>
          </section>
        ) : table ? (
          <section class="panel">
            <h1>{view.plenary ? t("participant.to_plenary") : t("participant.to_table", { table: table.name })}</h1>
            <a class="btn btn-primary" href={`#/room/${table.code}`}>
              {t("participant.go")}
            </a>
          </section>
        ) : (
          <section class="panel" data-testid="waiting-for-table">
            <h1>{t("lobby.welcome", { name: view.name })}</h1>
            {view.message ? <BroadcastMessage message={view.message} /> : null}
            {choices.length > 0 ? (
              <TablePicker tables={choices} onPick={(tableId) => void session.send({ type: "choose_table", table_id: tableId })} />
            ) : (
              <p class="lead">{t("participant.wait_for_table")}</p>
            )}
          </section>
        )}
      </main>
    </div>
  );
}

export function WorkshopNotices({ session }: { session: WorkshopSession }) {
  if (session.notices.length === 0) return null;
  return (
    <div class="notices" role="alert">
      {session.notices.map((notice) => (
        <div class="notice" key={notice.id} data-testid="notice">
          <p>
            <strong>{t("notice.refused")}</strong> {notice.error.code === "no_answer" ? t("error.no_connection") : refusalText(notice.error.code, notice.error.message)}
          </p>
          <button type="button" class="btn btn-small" onClick={() => session.dismiss(notice.id)}>
            {t("notice.dismiss")}
          </button>
        </div>
      ))}
    </div>
  );
}
