/**
 * The workshop's projector: in the lobby the code, link and QR for everyone and who sits
 * where; then every table's progress (the overview, no post-it text). When the facilitator
 * shows one table, that table's ordinary projector screen, with its own projector token.
 */

import { t } from "../i18n";
import type { WorkshopProjectorView } from "../protocol";
import { useJoinBase, useSessionLanguage, useWorkshopSession } from "../hooks";
import { joinLink } from "../state/address";
import { orderedTables } from "../state/workshop";
import { LanguageSwitch, Qr, refusalText } from "../components/common";
import { TableCard } from "../components/workshop/TableCard";
import { Pager } from "../components/Pager";
import { ProjectorScreen } from "./Projector";

export function WorkshopProjectorScreen({ code, token }: { code: string; token: string | null }) {
  const session = useWorkshopSession<WorkshopProjectorView>(code, token ? "projector" : null, token);
  const view = session?.view ?? null;
  useSessionLanguage(view?.language);
  const base = useJoinBase();
  if (!session || !view || session.status === "failed") {
    return (
      <div class="projector projector-empty">
        <p class="projector-message">
          {session?.failure ? refusalText(session.failure.code, session.failure.message) : !session ? t("projector.no_token") : t("connection.connecting")}
        </p>
      </div>
    );
  }
  // The plenary, once open, is what the room looks at; before it, the table chosen.
  const shown = view.plenary ?? view.shown_table;
  if (shown) {
    return <ProjectorScreen key={shown.code} code={shown.code} token={shown.projector_token} workshop={code} />;
  }
  const tables = orderedTables(view);
  const joinUrl = base ? joinLink(base, code) : null;
  return (
    <div class="projector workshop-projector" data-testid="workshop-projector" data-phase={view.phase}>
      <header class="projector-top">
        <span class="projector-code">
          {t("room.code")} <strong>{code}</strong>
        </span>
        <span class="projector-title">{view.title}</span>
        <LanguageSwitch />
      </header>
      {session.status !== "online" ? (
        <div class="banner banner-offline" role="status">
          <strong>{t("connection.offline")}</strong> {t("connection.offline_hint_view")}
        </div>
      ) : null}
      <h1 class="sr-only">
        {t("projector.title")}: {t(view.phase === "lobby" ? "phase.lobby" : "workshop.overview")}
      </h1>
      <main class="projector-main">
        {view.phase === "lobby" ? (
          <div class="workshop-projector-lobby">
            <div class="projector-join">
              <p class="projector-address">{joinUrl ?? ""}</p>
              <p class="room-code-huge">{code}</p>
              {joinUrl ? <Qr value={joinUrl} size={260} label={t("lobby.qr_label", { code })} /> : null}
            </div>
            <ul class="projector-tables">
              {tables.map((tb) => (
                <li key={tb.id}>
                  <h2>{tb.name}</h2>
                  <p>{(tb.players ?? []).join(", ") || "–"}</p>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          // Sixty tables do not fit one screen: the Pager turns pages, nobody scrolls a projector.
          <Pager
            class="workshop-overview-pager"
            listClass={`overview-grid overview-grid-projector density-${tables.length <= 6 ? 1 : tables.length <= 12 ? 2 : 3}`}
            testId="overview"
            items={tables.map((tb) => (
              <li key={tb.id}>
                <TableCard table={tb} summary={session.overview[tb.id]} offset={session.offset} />
              </li>
            ))}
          />
        )}
      </main>
    </div>
  );
}
