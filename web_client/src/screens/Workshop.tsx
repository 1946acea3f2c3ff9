/**
 * A workshop's own screen (#/workshop/CODE). The facilitator sees every table at a glance,
 * seats and moves people, steers (each table its lead, or all tables in step), broadcasts
 * and chooses what the projector shows. A participant passes through: the workshop says
 * which table they sit at, and they go to that table's ordinary room screen; while not
 * seated yet they wait here (and come back here when moved, to follow to the new table).
 */

import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import type { WorkshopView } from "../protocol";
import { useJoinBase, useSessionLanguage, useWorkshopSession } from "../hooks";
import { joinLink } from "../state/address";
import { loadWorkshopCredentials, saveCredentials, type WorkshopAs } from "../state/storage";
import { helpQueue, orderedTables, overviewTotals, seatingPlan } from "../state/workshop";
import type { WorkshopSession } from "../state/workshopSession";
import { CopyField, LanguageSwitch, Qr, refusalText } from "../components/common";
import { Downloads } from "../components/Downloads";
import { BroadcastPanel } from "../components/workshop/Broadcast";
import { ProjectorChoice, workshopProjectorUrl } from "../components/workshop/ProjectorChoice";
import { SeatingBoard } from "../components/workshop/SeatingBoard";
import { TableCard } from "../components/workshop/TableCard";
import { WorkshopSteering } from "../components/workshop/WorkshopSteering";
import { PlenaryOpen, PlenaryStart, savePlenaryKeys } from "../components/workshop/PlenaryPanel";
import { WorkshopNotices, WorkshopParticipantScreen } from "./WorkshopParticipant";
import { JoinForm } from "./Home";

export function WorkshopScreen({ code }: { code: string }) {
  const as: WorkshopAs | null = loadWorkshopCredentials(code, "facilitator") ? "facilitator" : loadWorkshopCredentials(code, "participant") ? "participant" : null;
  if (as === "participant") return <WorkshopParticipantScreen code={code} />;
  if (as === null) {
    return (
      <div class="page">
        <WorkshopTop code={code} />
        <main class="narrow">
          <section class="panel">
            <h1>{t("join.title")}</h1>
            <JoinForm initialCode={code} />
          </section>
        </main>
      </div>
    );
  }
  return <FacilitatorWorkshop code={code} />;
}

export function WorkshopTop({ code, title }: { code: string; title?: string }) {
  return (
    <header class="topbar">
      <a class="brand" href="#/">
        <span class="brand-mark" aria-hidden="true">
          ◧
        </span>{" "}
        <span class="brand-name">{t("app.name")}</span>
      </a>
      <span class="room-code-small">
        <span class="room-code-label">{t("room.code")}</span> <strong data-testid="room-code">{code}</strong>
      </span>
      <span class="topbar-fill">{title ?? ""}</span>
      <LanguageSwitch />
    </header>
  );
}

/** The status line under the top bar (offline, connecting), as the room's banner says it. */
export function WorkshopBanner({ session }: { session: WorkshopSession }) {
  if (session.status === "online" || session.status === "failed") return null;
  return (
    <div class={`banner ${session.status === "offline" ? "banner-offline" : "banner-info"}`} role="status">
      {session.status === "offline" ? <strong>{t("connection.offline")}</strong> : t("connection.connecting")}
    </div>
  );
}

function FacilitatorWorkshop({ code }: { code: string }) {
  const session = useWorkshopSession<WorkshopView>(code, "facilitator");
  const credentials = loadWorkshopCredentials(code, "facilitator");
  const view = session?.view ?? null;
  useSessionLanguage(view?.language);
  // Each table's facilitator keys, so "open table" is today's facilitator screen of that
  // room (with a way back here), and a reload of it works.
  useEffect(() => {
    if (!view) return;
    for (const table of Object.values(view.tables)) {
      if (table.facilitator_token) {
        saveCredentials(table.code, "facilitator", { token: table.facilitator_token, projector_token: table.projector_token, workshop: code, table_id: table.id });
      }
    }
    if (view.plenary) savePlenaryKeys(code, view.plenary);
  }, [view?.tables, view?.plenary]);
  if (!session) return null;
  if (session.status === "failed" || !view) {
    return (
      <div class="page">
        <div class="sticky-top">
          <WorkshopTop code={code} />
          <WorkshopBanner session={session} />
        </div>
        <main class="narrow">
          <section class="panel">
            {session.failure ? (
              <>
                <h1>{t("room.cannot_enter")}</h1>
                <p>{refusalText(session.failure.code, session.failure.message)}</p>
              </>
            ) : (
              <p>{t("connection.connecting")}</p>
            )}
          </section>
        </main>
      </div>
    );
  }
  const tables = orderedTables(view);
  const plan = seatingPlan(view);
  const seated = [...plan.entries()].filter(([id]) => id !== null).reduce((n, [, people]) => n + people.length, 0);
  const max = "size" in view.tables_mode ? view.tables_mode.size.max : null;
  const move = (participantId: string, tableId: string): void => void session.send({ type: "seat_participant", participant_id: participantId, table_id: tableId });
  const rename = (tableId: string, name: string): void => void session.send({ type: "rename_table", table_id: tableId, name });
  const remove = (participantId: string): void => void session.send({ type: "remove_participant", participant_id: participantId });
  const seatingBoard = <SeatingBoard tables={tables} plan={plan} max={max} disabled={!session.online} onMove={move} onRemove={remove} onRename={rename} />;
  return (
    <div class="page workshop" data-phase={view.phase}>
      <div class="sticky-top">
        <WorkshopTop code={code} title={view.title} />
        <WorkshopBanner session={session} />
      </div>
      <WorkshopNotices session={session} />
      <main class="room-layout with-side">
        <div class="room-main">
          {view.phase === "lobby" ? (
            <>
              <WorkshopInvite code={code} projectorToken={credentials?.projector_token ?? null} />
              <section class="panel" aria-labelledby="seating-title" data-testid="workshop-lobby">
                <h2 id="seating-title">{t("workshop.tables_people", { tables: tables.length, people: seated + (plan.get(null)?.length ?? 0) })}</h2>
                {seatingBoard}
                <button type="button" class="btn" disabled={!session.online} onClick={() => void session.send({ type: "add_table" })} data-testid="add-table">
                  {t("workshop.add_table")}
                </button>
              </section>
            </>
          ) : (
            <>
              {view.phase === "plenary" ? <PlenaryOpen view={view} /> : null}
              <h1 class="page-title">{t("workshop.overview")}</h1>
              <Overview session={session} view={view} />
              <details class="panel move-people">
                <summary>
                  <h2>{t("workshop.move_people")}</h2>
                </summary>
                {seatingBoard}
              </details>
            </>
          )}
        </div>
        <aside class="room-side" aria-label={t("facilitator.title")}>
          <WorkshopSteering session={session} view={view} seated={seated} />
          <PlenaryStart session={session} view={view} />
          <BroadcastPanel session={session} view={view} />
          <ProjectorChoice session={session} view={view} tables={tables} projectorToken={credentials?.projector_token ?? null} />
          {credentials ? <Downloads code={code} token={credentials.token} /> : null}
        </aside>
      </main>
    </div>
  );
}

function WorkshopInvite({ code, projectorToken }: { code: string; projectorToken: string | null }) {
  const base = useJoinBase();
  const joinUrl = base ? joinLink(base, code) : null;
  return (
    <section class="panel lobby-invite" data-testid="lobby-invite">
      <h1>{t("workshop.invite")}</h1>
      <div class="invite-grid">
        <div>
          <p class="label">{t("lobby.code_label")}</p>
          <p class="room-code-big" data-testid="lobby-code">
            {code}
          </p>
          {joinUrl ? <CopyField value={joinUrl} label={t("lobby.join_link")} testId="join-link" /> : null}
          <p class="muted">{t("workshop.invite_hint")}</p>
          {/* The code on the big screen is the first thing a room needs; the side column's
              projector panel is far down, out of sight on a laptop. */}
          {projectorToken ? (
            <a class="btn" href={workshopProjectorUrl(code, projectorToken)} target="_blank" rel="noopener" data-testid="invite-projector-link">
              {t("workshop.invite_projector")} ↗
            </a>
          ) : null}
        </div>
        {joinUrl ? <Qr value={joinUrl} size={220} label={t("lobby.qr_label", { code })} /> : <div class="qr-placeholder" />}
      </div>
    </section>
  );
}

function Overview({ session, view }: { session: WorkshopSession<WorkshopView>; view: WorkshopView }) {
  const tables = orderedTables(view);
  const online = session.online;
  const totals = overviewTotals(session.overview);
  const asking = helpQueue(session.overview).map((id) => view.tables[id]?.name ?? id);
  return (
    <>
      <p class="overview-totals" data-testid="overview-totals">
        {asking.length > 0 ? (
          <strong class="help-flag">
            <span aria-hidden="true">⚑ </span>
            {t("overview.asking", { tables: asking.join(", ") })}
          </strong>
        ) : null}{" "}
        <span class="count-green">
          <span aria-hidden="true">✔ </span>
          {t("overview.green", { count: totals.green })}
        </span>{" "}
        <span class="count-pink">
          <span aria-hidden="true">? </span>
          {t("overview.pink", { count: totals.pink })}
        </span>
      </p>
      <div class="overview-grid" data-testid="overview">
        {tables.map((table) => {
          const summary = session.overview[table.id];
          const shown = view.shown_table === table.id;
          return (
            <TableCard
              key={table.id}
              table={table}
              summary={summary}
              offset={session.offset}
              shown={shown}
              actions={
                <>
                  <a class="btn btn-small btn-primary" href={`#/room/${table.code}`} aria-label={t("overview.open_label", { table: table.name })}>
                    {t("overview.open")}
                  </a>
                  {view.steering === "tables" && view.phase === "playing" ? (
                    table.taken_over ? (
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={!online}
                        onClick={() => void session.send({ type: "give_back_table", table_id: table.id })}
                        aria-label={t("overview.give_back_label", { table: table.name })}
                      >
                        {t("overview.give_back")}
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={!online}
                        onClick={() => void session.send({ type: "take_over_table", table_id: table.id })}
                        aria-label={t("overview.take_over_label", { table: table.name })}
                      >
                        {t("overview.take_over")}
                      </button>
                    )
                  ) : null}
                  {summary?.help_asked_at != null ? (
                    <button
                      type="button"
                      class="btn btn-small"
                      disabled={!online}
                      onClick={() => void session.send({ type: "clear_table_help", table_id: table.id })}
                      aria-label={t("overview.help_done_label", { table: table.name })}
                    >
                      {t("help.done")}
                    </button>
                  ) : null}
                  {view.plenary ? null : (
                    <button
                      type="button"
                      class="btn btn-small btn-quiet"
                      aria-pressed={shown}
                      disabled={!online}
                      onClick={() => void session.send({ type: "show_table", table_id: shown ? null : table.id })}
                      aria-label={t("overview.show_label", { table: table.name })}
                    >
                      {t("overview.show")}
                    </button>
                  )}
                </>
              }
            />
          );
        })}
      </div>
    </>
  );
}
