/**
 * The room as a player or the facilitator sees it. One store (RoomSession) per screen;
 * what is shown follows the phase, and the facilitator gets the steering column.
 *
 * No part re-renders on every update: the screen selects only its status, role and phase;
 * the top bar, the main column's parts and the steering panels each select their parts of
 * the view (useViewParts), so a pawn placed renders the board and who still has to place,
 * a post-it the wall, and nothing else.
 */

import { memo } from "preact/compat";
import { useMemo, useState } from "preact/hooks";
import { language, t } from "../i18n";
import type { Key } from "../i18n";
import type { Colour, PostIt, Role, View } from "../protocol";
import { Drafts } from "../state/drafts";
import { activePlayers, currentCard, isCardPhase, local, mySeat } from "../state/selectors";
import type { RoomSession } from "../state/session";
import { loadCredentials, type As } from "../state/storage";
import { PAGE_PARTS, type PageView, useJoinBase, usePresence, useRoomSession, useSelected, useSessionLanguage, useViewParts } from "../hooks";
import { joinLink } from "../state/address";
import { LiveBoard } from "../components/board/LiveBoard";
import { SortWaiting } from "../components/SortWaiting";
import { CaseCardForm, WriteCase, caseInstruction } from "../components/CaseCard";
import { ConnectionBanner, CopyField, LanguageSwitch, Notices, Pawn, Qr, TimerDisplay, refusalText } from "../components/common";
import { ActionPointsEditor } from "../components/facilitator/ActionPoints";
import { Agenda } from "../components/facilitator/Agenda";
import { PlayersPanel } from "../components/facilitator/Players";
import { PresenceTag } from "../components/facilitator/Presence";
import { TakeBack } from "../components/facilitator/TakeBack";
import { ProjectorLink } from "../components/facilitator/ProjectorLink";
import { SortingBoard } from "../components/facilitator/Sorting";
import { CardTools, StepControls, TimerControls } from "../components/facilitator/Steering";
import { PlanClock } from "../components/facilitator/PlanClock";
import { SaveDeck } from "../components/facilitator/SaveDeck";
import { Downloads, downloadsOf } from "../components/Downloads";
import { EarlierDrafts, LivePostItWall, PostItComposer, type PostItActions } from "../components/PostIts";
import { SummaryView, cardLabel } from "../components/Summary";
import { VotingControls, type ActionSource } from "../components/Plenary";
import { CardPanel } from "../components/CardPanel";
import { PHASE_KEYS, PhaseSteps } from "../components/PhaseSteps";
import { StillToPlace } from "../components/StillToPlace";
import { JoinForm } from "./Home";
import { BroadcastMessage } from "../components/workshop/BroadcastMessage";
import { BackToOverview, HelpPanel, TABLE_PARTS, TakeOverTable } from "../components/workshop/TableOfWorkshop";
import { FollowPlenary } from "../components/workshop/FollowPlenary";
import { PLENARY_ID } from "../state/workshop";
import { go } from "../router";
import { useEffect } from "preact/hooks";

export function RoomScreen({ code, as: requested }: { code: string; as: "facilitator" | "player" | null }) {
  // Decided once per screen: forgetting a token (removed, handed over) must not swap the
  // session away before the person has read why.
  const [choice, setChoice] = useState<{ as: As | null; generation: number }>(() => ({
    as: requested ?? (loadCredentials(code, "facilitator") ? "facilitator" : loadCredentials(code, "player") ? "player" : null),
    generation: 0,
  }));
  const as = choice.as;
  // A table of a workshop: where a participant whose table token stops working (moved to
  // another table, or removed) goes to find their table again. Read before the session can
  // forget the credentials.
  const [workshop] = useState(() => (as ? loadCredentials(code, as)?.workshop ?? null : null));
  // A participant at a table (not yet in the plenary) follows the workshop to its plenary.
  const [atTable] = useState(() => as === "player" && workshop !== null && loadCredentials(code, "player")?.table_id !== PLENARY_ID);
  const session = useRoomSession(code, as, choice.generation);
  // Moved or removed: the server ends the seat (left_room, or a token it no longer takes),
  // or at least the view says the seat is gone.
  const screen = useSelected(session, screenOf);
  useSessionLanguage(useSelected(session, (s) => s.view?.options.language ?? null));
  const lost = session !== null && (screen?.seatGone === true || session.status === "left" || (session.status === "failed" && session.failure?.code === "bad_token"));
  // Not from the plenary room: the workshop would send them straight back to it (the
  // screen says why it cannot be entered instead).
  useEffect(() => {
    if (lost && workshop && as === "player" && atTable) go(`#/workshop/${workshop}`);
  }, [lost, workshop, as]);
  // Joining from this screen (no token yet, or a token no longer valid) starts a new session.
  const joined = (): void => setChoice({ as: "player", generation: choice.generation + 1 });
  const drafts = useMemo(() => new Drafts(code), [code]);

  if (!session || !screen) {
    return (
      <div class="page">
        <RoomTop code={code} />
        <main class="narrow">
          <section class="panel">
            <h1>{t("join.title")}</h1>
            <p>{t("room.no_credentials")}</p>
            <JoinForm initialCode={code} onJoined={joined} />
          </section>
        </main>
      </div>
    );
  }
  if (session.status === "left" || session.status === "failed" || !screen.role || !screen.phase) {
    return (
      <div class="page">
        <div class="sticky-top">
          <RoomTop code={code} />
          <ConnectionBanner session={session} />
        </div>
        <main class="narrow">
          <Gone session={session} code={code} onJoined={joined} />
        </main>
      </div>
    );
  }
  const { role, phase } = screen;
  const facilitator = role === "facilitator";
  return (
    <div class={`page room ${facilitator ? "room-facilitator" : "room-player"}`} data-role={role} data-phase={phase}>
      {atTable && workshop ? <FollowPlenary workshop={workshop} code={code} /> : null}
      <div class="sticky-top">
        <LiveRoomTop code={code} session={session} />
        <ConnectionBanner session={session} />
      </div>
      <Notices session={session} />
      <main class={`room-layout ${facilitator ? "with-side" : ""}`}>
        <div class="room-main">
          <LiveBroadcast session={session} />
          {!facilitator ? <LiveHelpPanel session={session} /> : null}
          {role === "host" ? <LiveTakeBack session={session} /> : null}
          <MainColumn session={session} drafts={drafts} facilitator={facilitator} phase={phase} />
        </div>
        {facilitator ? (
          <aside class="room-side" aria-label={t("facilitator.title")}>
            <LiveHelpPanel session={session} />
            <StepControls session={session} />
            <TimerControls session={session} />
            <PlanClock session={session} />
            {isCardPhase(phase) ? <CardTools session={session} /> : null}
            <section class="panel">
              <h2>{t("facilitator.projector")}</h2>
              <p class="muted">{t("facilitator.projector_hint")}</p>
              <ProjectorLink code={code} />
            </section>
            <Agenda session={session} />
            <PlayersPanel session={session} />
            {phase === "lobby" || phase === "summary" || phase === "closed" ? <SaveDeck session={session} /> : null}
            {/* Downloads: here during the game; at the top of the summary once it is there. */}
            {phase !== "summary" && phase !== "closed" ? <Downloads code={code} as={session.as} /> : null}
          </aside>
        ) : null}
      </main>
    </div>
  );
}

/** What the screen itself shows: whether there is a room to show, whose, and which page. */
function screenOf(session: RoomSession): { status: RoomSession["status"]; role: Role | null; phase: View["phase"] | null; seatGone: boolean } {
  const view = session.view;
  // Moved or removed at a workshop's table: the view says the seat is gone (the server may
  // also end it with left_room, or stop taking its token).
  const seatGone = view && session.as === "player" ? mySeat(view)?.removed === true : false;
  return { status: session.status, role: session.role ?? view?.me.role ?? null, phase: view?.phase ?? null, seatGone };
}

const TOP_PARTS = ["phase", "current_card_id", "agenda", "timer", "me", "players", "workshop", "table_name"] as const;

const LiveRoomTop = memo(function LiveRoomTop({ code, session }: { code: string; session: RoomSession }) {
  const view = useViewParts(session, TOP_PARTS);
  useSelected(session, (s) => s.offset); // the timer's clock correction
  return view ? <RoomTop code={code} view={view} session={session} /> : null;
});

const LiveTakeBack = memo(function LiveTakeBack({ session }: { session: RoomSession }) {
  const view = useViewParts(session, TABLE_PARTS);
  if (!view) return null;
  // At a workshop's table the workshop keeps who steers: take over through it.
  return view.workshop ? <TakeOverTable view={view} /> : <TakeBack view={view} session={session} />;
});

const LiveHelpPanel = memo(function LiveHelpPanel({ session }: { session: RoomSession }) {
  const view = useViewParts(session, TABLE_PARTS);
  return view?.workshop ? <HelpPanel view={view} session={session} /> : null;
});

const LiveBroadcast = memo(function LiveBroadcast({ session }: { session: RoomSession }) {
  const view = useViewParts(session, ["message"] as const);
  return view?.message ? <BroadcastMessage message={view.message} /> : null;
});

function RoomTop({ code, view, session }: { code: string; view?: Pick<View, (typeof TOP_PARTS)[number]>; session?: RoomSession }) {
  const me = view ? mySeat(view) : null;
  return (
    <header class="topbar">
      <a class="brand" href="#/">
        <span class="brand-mark" aria-hidden="true">
          ◧
        </span>{" "}
        <span class="brand-name">{t("app.name")}</span>
      </a>
      {view?.table_name ? (
        <span class="room-code-small table-name" data-testid="table-name">
          {view.table_name}
        </span>
      ) : (
        <span class="room-code-small">
          <span class="room-code-label">{t("room.code")}</span> <strong data-testid="room-code">{code}</strong>
        </span>
      )}
      {view ? <BackToOverview view={view} /> : null}
      <span class="topbar-fill">{view ? <PhaseSteps view={view} /> : null}</span>
      {view && session ? <TimerDisplay timer={view.timer} offset={session.offset} /> : null}
      {me ? (
        <span class="me">
          <Pawn player={me} small /> <span class="me-name">{me.name}</span>
        </span>
      ) : null}
      <LanguageSwitch />
    </header>
  );
}

function Gone({ session, code, onJoined }: { session: RoomSession; code: string; onJoined: () => void }) {
  if (session.status === "left") {
    const key: Key = session.leftReason === "moved" ? "room.moved" : session.leftReason === "removed" ? "room.removed" : "room.handed_over";
    const seat = loadCredentials(code, "player");
    return (
      <section class="panel" data-testid="gone">
        <h1>{t(key)}</h1>
        {seat && session.as !== "player" ? (
          <a class="btn btn-primary" href={`#/room/${code}?as=player`}>
            {t("room.continue_as_player", { name: seat.name ?? "" })}
          </a>
        ) : (
          <a class="btn" href="#/">
            {t("room.home")}
          </a>
        )}
      </section>
    );
  }
  if (session.status === "failed" && session.failure) {
    return (
      <section class="panel" data-testid="gone">
        <h1>{t("room.cannot_enter")}</h1>
        <p>{refusalText(session.failure.code, session.failure.message)}</p>
        <JoinForm initialCode={code} onJoined={onJoined} />
      </section>
    );
  }
  return (
    <section class="panel">
      <p>{t("connection.connecting")}</p>
    </section>
  );
}

function postItActions(session: RoomSession, facilitator: boolean): PostItActions {
  return {
    edit: (p: PostIt, text: string, colour: Colour) => {
      const change: { text?: string; colour?: Colour } = {};
      if (text !== p.text) change.text = text;
      if (colour !== p.colour) change.colour = colour;
      if (change.text !== undefined || change.colour !== undefined) {
        session.send({ type: "edit_post_it", post_it_id: p.id, ...change });
      }
    },
    remove: (p: PostIt) => session.send({ type: "delete_post_it", post_it_id: p.id }),
    resolve: facilitator
      ? (p: PostIt, resolved: boolean) => session.send({ type: "resolve_post_it", post_it_id: p.id, resolved })
      : undefined,
  };
}

interface ColumnProps {
  session: RoomSession;
  drafts: Drafts;
  facilitator: boolean;
}

/** The main column: a card step reads its own parts; the other pages read PAGE_PARTS. */
const MainColumn = memo(function MainColumn({ phase, ...props }: ColumnProps & { phase: View["phase"] }) {
  const actions = useMemo(() => postItActions(props.session, props.facilitator), [props.session, props.facilitator]);
  return isCardPhase(phase) ? <CardStep {...props} actions={actions} /> : <LivePage {...props} actions={actions} />;
});

const LivePage = memo(function LivePage(props: ColumnProps & { actions: PostItActions }) {
  const view = useViewParts(props.session, PAGE_PARTS);
  return view ? <PageContent view={view} {...props} /> : null;
});

function PageContent({ view, session, drafts, facilitator, actions }: ColumnProps & { view: PageView; actions: PostItActions }) {
  const [actionSource, setActionSource] = useState<ActionSource | null>(null);
  const seat = mySeat(view);
  if (view.phase === "lobby") return <Lobby view={view} session={session} drafts={drafts} facilitator={facilitator} />;
  if (view.phase === "sort") {
    return (
      <>
        {facilitator ? (
          <SortingBoard view={view} session={session} />
        ) : (
          <SortWaiting view={view} />
        )}
        {!facilitator ? <SummaryView view={view} session={session} /> : null}
        {seat ? <EarlierDrafts view={view} session={session} drafts={drafts} currentCardId={null} /> : null}
      </>
    );
  }
  return (
    <>
      {view.phase === "closed" ? (
        <p class="banner banner-info" data-testid="closed">
          {t("room.closed")}
        </p>
      ) : null}
      <h1 class="page-title">{t("plenary.title")}</h1>
      {facilitator ? <SummaryDownloads code={view.code} workshop={view.workshop} as={session.as} /> : null}
      {facilitator && view.phase === "summary" ? <VotingControls view={view} session={session} /> : null}
      {/* A closed game is read-only: nothing offered that the server would refuse. */}
      <SummaryView
        view={view}
        session={view.phase === "closed" ? undefined : session}
        facilitator={facilitator}
        actions={facilitator && view.phase !== "closed" ? actions : undefined}
        onAction={facilitator ? setActionSource : undefined}
        actionEditor={
          facilitator && view.phase !== "closed" ? (
            <ActionPointsEditor view={view} session={session} source={actionSource} onSourceDone={() => setActionSource(null)} />
          ) : undefined
        }
      />
      {facilitator && view.phase === "summary" ? <SortingBoard view={view} session={session} /> : null}
    </>
  );
}

function SummaryDownloads({ code, workshop, as }: { code: string; workshop: string | null; as: RoomSession["as"] }) {
  const files = downloadsOf(code, workshop, as);
  return <Downloads code={files.code} as={as} token={files.token} prominent hint={files.workshop ? "exports.hint_workshop" : undefined} />;
}

function Lobby({ view, session, drafts, facilitator }: { view: PageView; session: RoomSession; drafts: Drafts; facilitator: boolean }) {
  const base = useJoinBase();
  const joinUrl = base ? joinLink(base, view.code) : null;
  const players = activePlayers(view);
  const presence = usePresence(session);
  // The host while a player steers watches (take_back is all it may send).
  const host = view.me.role === "host";
  // A table of a workshop is joined with the workshop's code (the facilitator hands it
  // out): its own code is never offered, and its lead waits for the start like the others.
  const invite = facilitator && !view.workshop;
  return (
    <div class="lobby">
      {invite ? (
        <section class="panel lobby-invite" data-testid="lobby-invite">
          <h1>{t("lobby.invite")}</h1>
          <div class="invite-grid">
            <div>
              <p class="label">{t("lobby.code_label")}</p>
              <p class="room-code-big" data-testid="lobby-code">
                {view.code}
              </p>
              {joinUrl ? <CopyField value={joinUrl} label={t("lobby.join_link")} testId="join-link" /> : null}
              {base?.localOnly ? (
                <p class="warning" data-testid="localhost-warning">
                  {t("lobby.localhost_warning")}
                </p>
              ) : null}
            </div>
            {joinUrl ? <Qr value={joinUrl} size={220} label={t("lobby.qr_label", { code: view.code })} /> : <div class="qr-placeholder" />}
          </div>
        </section>
      ) : host ? null : mySeat(view) ? (
        <section class="panel">
          <h1>{t("lobby.welcome", { name: mySeat(view)?.name ?? "" })}</h1>
          <p class="lead">{t(view.workshop ? "lobby.wait_table" : "lobby.wait")}</p>
        </section>
      ) : (
        <h1 class="page-title">{view.table_name ?? view.title}</h1>
      )}
      <section class="panel" data-testid="lobby-players">
        <h2>{t("lobby.joined", { count: players.length })}</h2>
        <ul class="chip-list">
          {players.map((p) => (
            <li key={p.id} class="chip">
              <Pawn player={p} small /> {p.name}
              {facilitator ? <PresenceTag playerId={p.id} presence={presence} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {host ? null : <CaseCardForm session={session} drafts={drafts} />}
    </div>
  );
}

function instructionFor(view: Pick<View, "phase" | "board">, readerIsMe: boolean): string {
  const lang = language();
  const spec = view.board.spec;
  switch (view.phase) {
    case "read":
      return readerIsMe ? t("instruction.read_me") : t("instruction.read");
    case "place":
      return view.board.kind === "quadrant"
        ? t("instruction.place_quadrant", { label: local(spec.placements.first, lang) })
        : t("instruction.place");
    case "discuss":
      return t("instruction.discuss");
    case "revise":
      return view.board.kind === "quadrant"
        ? t("instruction.revise_quadrant", { label: local(spec.placements.second, lang) })
        : t("instruction.revise");
    default:
      return "";
  }
}

/** A device with no mouse or trackpad (a phone): no clicking, no arrow keys to mention. */
function touchOnly(): boolean {
  return globalThis.matchMedia?.("(any-pointer: fine)").matches === false;
}

/** What a card step reads itself; the board, who still has to place and the wall read their own. */
const CARD_PARTS = ["phase", "current_card_id", "cards", "players", "me", "board", "post_its_locked"] as const;

export const CardStep = memo(function CardStep({ session, drafts, actions, facilitator }: ColumnProps & { actions: PostItActions }) {
  const view = useViewParts(session, CARD_PARTS);
  if (!view || !view.current_card_id) return null;
  const seat = mySeat(view);
  const cardId = view.current_card_id;
  const card = currentCard(view);
  const canPlace = seat !== null && (view.phase === "place" || view.phase === "revise");
  const readerIsMe = card?.reader_id != null && card.reader_id === view.me.player_id;
  return (
    <div class="card-step">
      {/* The card screen's level-one heading, for screen readers: the step and the card
          (the card itself shows its title as it always did). */}
      <h1 class="sr-only">
        {t(PHASE_KEYS[view.phase])}: {card ? cardLabel(card) : ""}
      </h1>
      <CardPanel view={view} />
      <p class="instruction" data-testid="instruction">
        {caseInstruction(view) ?? instructionFor(view, readerIsMe)}
        {canPlace ? ` ${t(touchOnly() ? "instruction.how_touch" : "instruction.how_pointer")}` : null}
      </p>
      <WriteCase view={view} session={session} drafts={drafts} facilitator={facilitator} />
      {view.phase !== "read" ? (
        <>
          <LiveBoard session={session} cardId={cardId} canPlace={canPlace} />
          <LiveStillToPlace session={session} facilitator={facilitator} />
        </>
      ) : null}
      <div class={`postit-area ${seat ? "with-composer" : ""}`}>
        <LivePostItWall session={session} cardId={cardId} actions={actions} showPending />
        {seat ? <PostItComposer session={session} drafts={drafts} cardId={cardId} locked={view.post_its_locked && !facilitator} /> : null}
      </div>
      {seat ? <EarlierDrafts view={view} session={session} drafts={drafts} currentCardId={cardId} /> : null}
      {/* Keyed by card: "your case is on the agenda" belongs to the card it was sent on. */}
      {view.me.role === "host" ? null : <CaseCardForm key={cardId} session={session} drafts={drafts} />}
    </div>
  );
});

const LiveStillToPlace = memo(function LiveStillToPlace({ session, facilitator }: { session: RoomSession; facilitator: boolean }) {
  const view = useViewParts(session, ["still_to_place", "players", "phase"] as const);
  const presence = usePresence(session);
  return view ? <StillToPlace view={view} presence={facilitator ? presence : null} /> : null;
});
