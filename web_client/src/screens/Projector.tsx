/**
 * The projector: read-only, for a 1280x720 beamer read from 3 metres. Big type, few
 * things at a time: the room code in the lobby; card, board, post-its, timer and who still
 * has to place during a card; the piles while sorting; then the plenary summary.
 */

import { memo } from "preact/compat";
import { t } from "../i18n";
import type { RoomSession } from "../state/session";
import { activePlayers, isCardPhase } from "../state/selectors";
import { saveCredentials, loadCredentials } from "../state/storage";
import { PAGE_PARTS, type PageView, useJoinBase, useRoomSession, useSelected, useSessionLanguage, useViewParts } from "../hooks";
import { joinLink } from "../state/address";
import { LiveBoard } from "../components/board/LiveBoard";
import { ConnectionBanner, LanguageSwitch, Pawn, Qr, TimerDisplay, refusalText } from "../components/common";
import { LivePostItWall, ColourTag } from "../components/PostIts";
import { ProjectorSummary, cardLabel } from "../components/Summary";
import { Pager } from "../components/Pager";
import { CardPanel } from "../components/CardPanel";
import { PHASE_KEYS, PhaseSteps } from "../components/PhaseSteps";
import { StillToPlace } from "../components/StillToPlace";


/**
 * The screen selects only its status and phase; the header and each part of the body read
 * their own parts of the view (useViewParts), so no update re-renders the whole screen.
 */
export function ProjectorScreen({ code, token, workshop }: { code: string; token: string | null; workshop?: string }) {
  // A workshop's table or plenary: the workshop names the room, which may be made a moment later.
  if (token && loadCredentials(code, "projector")?.token !== token) saveCredentials(code, "projector", workshop ? { token, workshop } : { token });
  const session = useRoomSession(code, loadCredentials(code, "projector") ? "projector" : null);
  const screen = useSelected(session, (s) => ({ status: s.status, phase: s.view?.phase ?? null }));
  useSessionLanguage(useSelected(session, (s) => s.view?.options.language ?? null));
  const phase = screen?.phase ?? null;
  if (!session || !phase || session.status === "failed") {
    return (
      <div class="projector projector-empty">
        <p class="projector-message">
          {session?.failure ? refusalText(session.failure.code, session.failure.message) : !session ? t("projector.no_token") : t("connection.connecting")}
        </p>
      </div>
    );
  }
  return (
    <div class={`projector phase-${phase}`} data-testid="projector" data-phase={phase}>
      <ProjectorTop session={session} />
      <ConnectionBanner session={session} readOnly />
      {/* Every projector screen's level-one heading, for screen readers. */}
      <h1 class="sr-only">
        {t("projector.title")}: {t(PHASE_KEYS[phase])}
      </h1>
      <main class="projector-main">
        {isCardPhase(phase) ? <ProjectorCard session={session} /> : <ProjectorPage session={session} />}
      </main>
    </div>
  );
}

const TOP_PARTS = ["code", "table_name", "phase", "current_card_id", "agenda", "timer"] as const;

const ProjectorTop = memo(function ProjectorTop({ session }: { session: RoomSession }) {
  const view = useViewParts(session, TOP_PARTS);
  const offset = useSelected(session, (s) => s.offset) ?? 0; // the timer's clock correction
  if (!view) return null;
  return (
    <header class="projector-top">
      {/* A workshop's table is joined with the workshop's code, never its own: its name. */}
      <span class="projector-code">{view.table_name ? <strong>{view.table_name}</strong> : <>{t("room.code")} <strong>{view.code}</strong></>}</span>
      <PhaseSteps view={view} />
      <TimerDisplay timer={view.timer} offset={offset} big />
      <LanguageSwitch />
    </header>
  );
});

const CARD_PARTS = ["phase", "current_card_id", "cards", "players", "me"] as const;

/** A card step: the card; the board, who still has to place and the wall read their own parts. */
const ProjectorCard = memo(function ProjectorCard({ session }: { session: RoomSession }) {
  const view = useViewParts(session, CARD_PARTS);
  if (!view || !view.current_card_id) return null;
  const cardId = view.current_card_id;
  return (
    <div class={`projector-card projector-${view.phase}`}>
      <CardPanel view={view} big />
      {view.phase !== "read" ? (
        <div class="projector-board">
          <LiveBoard session={session} cardId={cardId} canPlace={false} large />
          <LiveStillToPlace session={session} />
        </div>
      ) : null}
      {view.phase === "discuss" || view.phase === "revise" ? (
        <div class="projector-wall">
          <LivePostItWall session={session} cardId={cardId} big paged />
        </div>
      ) : null}
    </div>
  );
});

const LiveStillToPlace = memo(function LiveStillToPlace({ session }: { session: RoomSession }) {
  const view = useViewParts(session, ["still_to_place", "players", "phase"] as const);
  return view ? <StillToPlace view={view} max={8} /> : null;
});

/** The lobby, sorting and the summary: every part but pawns and the timer (PAGE_PARTS). */
const ProjectorPage = memo(function ProjectorPage({ session }: { session: RoomSession }) {
  const view = useViewParts(session, PAGE_PARTS);
  return view ? <ProjectorBody view={view} /> : null;
});

function ProjectorBody({ view }: { view: PageView }) {
  if (view.phase === "lobby") {
    return <ProjectorLobby view={view} />;
  }
  if (view.phase === "sort") {
    const s = view.summary;
    return (
      <div class="projector-sort">
        {(["red", "green"] as const).map((pile) => {
          const contents = pile === "green" ? s.green_pile : s.red_pile;
          const items = [
            ...contents.cards.map((id) => (
              <li key={id} class="pile-card">
                <span class="kind-tag">{t("card.card")}</span> {cardLabel(view.cards[id])}
              </li>
            )),
            ...contents.post_its
              .filter((id) => view.post_its[id])
              .map((id) => (
                <li key={id}>
                  <ColourTag colour={view.post_its[id].colour} /> {view.post_its[id].text}
                </li>
              )),
          ];
          return (
            <Pager
              key={pile}
              class={`pile pile-${pile}`}
              listClass="pile-list"
              testId={`sort-${pile}`}
              head={
                <h2>
                  {pile === "green" ? "✔ " : "✚ "}
                  {t(pile === "green" ? "pile.green" : "pile.red")} <span class="pile-count">({items.length})</span>
                </h2>
              }
              items={items.length ? items : [<li key="empty" class="empty">{t("pile.empty")}</li>]}
            />
          );
        })}
      </div>
    );
  }
  return <ProjectorSummary view={view} />;
}

function ProjectorLobby({ view }: { view: PageView }) {
  const base = useJoinBase();
  const joinUrl = base ? joinLink(base, view.code) : null;
  const players = activePlayers(view);
  return (
    <div class="projector-lobby">
      <div class="projector-lobby-code">
        <p class="projector-label">{t("projector.go_to")}</p>
        <p class="projector-url" data-testid="projector-url">
          {base ? base.base.replace(/^https?:\/\//, "").replace(/\/$/, "") : "\u00a0"}
        </p>
        <p class="projector-label">{t("projector.enter_code")}</p>
        <p class="room-code-huge" data-testid="projector-code">
          {view.code}
        </p>
      </div>
      {joinUrl ? <Qr value={joinUrl} size={300} label={t("lobby.qr_label", { code: view.code })} /> : <div class="qr-placeholder" />}
      <Pager
        class="projector-players"
        testId="projector-players"
        listClass="chip-list"
        head={<h2>{t("lobby.joined", { count: players.length })}</h2>}
        items={players.map((p) => (
          <li key={p.id} class="chip chip-big">
            <Pawn player={p} /> {p.name}
          </li>
        ))}
      />
    </div>
  );
}
