/**
 * Home: join a room with a code and a name, or prepare a new room (board, decks, cards in
 * order, options). Built so a first-time facilitator is done in well under three minutes:
 * the board suggests its decks, "take all" fills the order, everything else has defaults.
 */

import { useState } from "preact/hooks";
import { language, t, tCount } from "../i18n";
import type { Content, ContentDeck, ContentPlan, CreateWorkshopReply, JoinReply, JoinWorkshopReply } from "../protocol";
import { newCommandId } from "../protocol";
import { oneShot } from "../state/connection";
import { local } from "../state/selectors";
import { loadCredentials, loadWorkshopCredentials, saveCredentials, saveWorkshopCredentials } from "../state/storage";
import { DEFAULT_SETUP, isWorkshop, setupProblem, workshopFields, type TablesSetup } from "../state/workshopSetup";
import { TablesFieldset } from "../components/workshop/TablesFieldset";
import { go } from "../router";
import { LanguageSwitch, createRefusalText, refusalText } from "../components/common";
import { useContent } from "../components/create/content";
import { openRoom } from "../components/create/openRoom";
import { OWN, OwnCards } from "../components/create/OwnCards";
import { Plans } from "../components/create/Plans";
import { planCards, planRequest } from "../components/create/plans";
import { emptyDeck, newCardId, slug, toWire, type OwnDeck } from "../state/ownDecks";

export function Header({ subtitle }: { subtitle?: string }) {
  return (
    <header class="topbar">
      <a class="brand" href="#/">
        <span class="brand-mark" aria-hidden="true">
          ◧
        </span>{" "}
        {t("app.name")}
      </a>
      <span class="topbar-fill">{subtitle ?? ""}</span>
      <LanguageSwitch />
    </header>
  );
}

export function HomeScreen() {
  const { content, failed } = useContent();
  const [preset, setPreset] = useState<ContentPlan | null>(null);
  const adjust = (plan: ContentPlan): void => {
    setPreset(plan);
    window.setTimeout(() => document.getElementById("create-title")?.scrollIntoView({ block: "start" }), 0);
  };
  return (
    <div class="page">
      <Header />
      <main class="home">
        <section class="home-intro">
          <h1>{t("home.title")}</h1>
          <p class="lead">{t("home.lead")}</p>
        </section>
        {/* Joining comes first: a participant who typed the address on a phone finds the
            code field right under the welcome, not below the facilitator's session plans.
            On a wide screen the grid still shows the plans above join and create. */}
        <section class="panel panel-join" aria-labelledby="join-title">
          <h2 id="join-title">{t("join.title")}</h2>
          <JoinForm initialCode="" />
        </section>
        {content ? <Plans content={content} onAdjust={adjust} /> : null}
        <section class="panel panel-create" aria-labelledby="create-title">
          <h2 id="create-title">{t("create.title")}</h2>
          {failed ? <p class="error">{t("create.load_error")}</p> : null}
          {!failed && !content ? <p class="muted">{t("common.loading")}</p> : null}
          {content ? <CreateForm content={content} preset={preset} /> : null}
        </section>
      </main>
    </div>
  );
}

export function JoinScreen({ code }: { code: string }) {
  return (
    <div class="page">
      <Header />
      <main class="narrow">
        <section class="panel panel-join" aria-labelledby="join-title">
          <h1 id="join-title">{t("join.title")}</h1>
          <JoinForm initialCode={code} />
        </section>
      </main>
    </div>
  );
}

export function JoinForm({ initialCode, onJoined }: { initialCode: string; onJoined?: () => void }) {
  const [code, setCode] = useState(initialCode.toUpperCase());
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One id per intent (this code, this name): a resend after a lost answer repeats it, and
  // the server answers a resend only when it repeats the request (docs/protocol.md §6).
  const [commandIds] = useState(() => new Map<string, string>());
  const commandIdFor = (room: string, who: string): string => {
    const intent = `${room}\n${who}`;
    let id = commandIds.get(intent);
    if (id === undefined) {
      id = newCommandId();
      commandIds.set(intent, id);
    }
    return id;
  };
  // Already in this session (or workshop) in this browser: carry on instead of a second seat.
  const knownWorkshop = code.length >= 4 ? loadWorkshopCredentials(code, "participant") : null;
  const known = code.length >= 4 ? (loadCredentials(code, "player") ?? knownWorkshop) : null;
  const continueHref = knownWorkshop && !loadCredentials(code, "player") ? `#/workshop/${code}` : `#/room/${code}?as=player`;

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const room = code.trim().toUpperCase();
    if (!room || !name.trim()) return;
    setBusy(true);
    setError(null);
    const commandId = commandIdFor(room, name.trim());
    const reply = await oneShot<JoinReply | JoinWorkshopReply>("join", { code: room, name: name.trim(), command_id: commandId }, room);
    setBusy(false);
    if (reply === "no_answer") {
      setError(t("error.no_connection"));
      return;
    }
    if (!reply.ok) {
      setError(refusalText(reply.error.code, reply.error.message));
      return;
    }
    if ("participant_id" in reply) {
      joinedWorkshop(room, name.trim(), reply);
      return;
    }
    saveCredentials(room, "player", { token: reply.token, player_id: reply.player_id, name: name.trim() });
    const facilitatorHere = loadCredentials(room, "facilitator") !== null;
    const target = `#/room/${room}${facilitatorHere ? "?as=player" : ""}`;
    if (onJoined && window.location.hash === target) onJoined();
    else go(target);
  };

  return (
    <form class="join-form" onSubmit={(e) => void submit(e)} data-testid="join-form">
      {known?.name ? (
        <p class="ok-note">
          {t("join.known", { name: known.name })}{" "}
          <a href={continueHref} class="btn btn-small">
            {t("join.continue")}
          </a>
        </p>
      ) : null}
      <label class="field">
        <span class="label">{t("join.code")}</span>
        <input
          type="text"
          name="code"
          class="code-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={12}
          value={code}
          data-testid="join-code"
          onInput={(e) => setCode(e.currentTarget.value.toUpperCase().replace(/\s/g, ""))}
          required
        />
      </label>
      <label class="field">
        <span class="label">{t("join.name")}</span>
        <input
          type="text"
          name="name"
          autoComplete="given-name"
          maxLength={40}
          value={name}
          data-testid="join-name"
          onInput={(e) => setName(e.currentTarget.value)}
          required
        />
      </label>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="btn btn-primary btn-big" disabled={busy || !code || !name.trim()}>
        {busy ? t("common.busy") : t("join.submit")}
      </button>
    </form>
  );
}

/**
 * A workshop's join answer: keep the workshop token (it finds the table again after a move
 * or a reload), and the table's player token beside it; then to the table, or to the
 * workshop's waiting screen while the facilitator has not seated this participant.
 */
function joinedWorkshop(code: string, name: string, reply: JoinWorkshopReply): void {
  saveWorkshopCredentials(code, "participant", { token: reply.token, participant_id: reply.participant_id, name });
  if (reply.table) {
    saveCredentials(reply.table.code, "player", { token: reply.table.token, player_id: reply.participant_id, name, workshop: code });
    go(`#/room/${reply.table.code}`);
  } else {
    go(`#/workshop/${code}`);
  }
}

/** Decks meant for this board first, blank case decks last. */
function deckRank(deck: ContentDeck, boardId: string): number {
  const allCases = deck.cards.every((c) => c.kind === "case");
  return (deck.board === boardId ? 0 : 2) + (allCases ? 1 : 0);
}

function suggestedDecks(content: Content, boardId: string): string[] {
  return [...content.decks].sort((a, b) => deckRank(a, boardId) - deckRank(b, boardId)).map((d) => d.id);
}

function firstBoard(content: Content, preset: ContentPlan | null): string {
  if (preset) return preset.board;
  return (content.boards.find((b) => b.kind === "scale") ?? content.boards[0])?.id ?? "";
}

function CreateForm({ content, preset }: { content: Content; preset: ContentPlan | null }) {
  const lang = language();
  const [boardId, setBoardId] = useState<string>(() => firstBoard(content, preset));
  const [openDecks, setOpenDecks] = useState<string[]>(() =>
    preset ? [preset.deck] : suggestedDecks(content, firstBoard(content, null)).slice(0, 1),
  );
  const [chosen, setChosen] = useState<string[]>(() => (preset ? planCards(content, preset) : []));
  const [title, setTitle] = useState(() => (preset ? local(preset.name, lang) : ""));
  const [hidden, setHidden] = useState(true);
  const [anonymous, setAnonymous] = useState(false);
  const [minutes, setMinutes] = useState(() => (preset?.minutes ? String(preset.minutes) : ""));
  const [own, setOwn] = useState<OwnDeck>(emptyDeck);
  const [ownProblems, setOwnProblems] = useState(0);
  const [tables, setTables] = useState<TablesSetup>(DEFAULT_SETUP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [commandIds] = useState(() => new Map<string, string>());
  // A plan chosen with "Eerst aanpassen" after the form was filled: its board, cards and
  // minutes replace the deck cards; own cards already written stay (nothing typed is lost).
  const [applied, setApplied] = useState(preset?.id ?? "");
  if (preset && preset.id !== applied) {
    setApplied(preset.id);
    setBoardId(preset.board);
    setOpenDecks([preset.deck]);
    setChosen([...planCards(content, preset), ...chosen.filter((c) => c.startsWith(OWN))]);
    setTitle(local(preset.name, lang));
    setMinutes(preset.minutes ? String(preset.minutes) : "");
  }

  const decks = [...content.decks].sort((a, b) => deckRank(a, boardId) - deckRank(b, boardId));
  const ownCard = (full: string) => (full.startsWith(OWN) ? own.cards.find((c) => OWN + c.id === full) : undefined);
  const copyCard = (deck: ContentDeck, cardId: string): void => {
    const card = deck.cards.find((c) => c.id === cardId);
    if (!card) return;
    const id = newCardId(own, card.id);
    const both = (text: { nl?: string; en?: string } | null) => ({ nl: text?.nl ?? "", en: text?.en ?? "" });
    setOwn({ ...own, cards: [...own.cards, { id, kind: card.kind, title: both(card.title), text: both(card.text), minutes: card.minutes }] });
    const full = `${deck.id}/${card.id}`;
    // The copy takes the original's place in the order, or joins at the end.
    setChosen(chosen.includes(full) ? chosen.map((c) => (c === full ? OWN + id : c)) : [...chosen, OWN + id]);
    window.setTimeout(() => document.getElementById(`own-${id}-text-nl`)?.focus(), 0);
  };
  const cardName = (deck: ContentDeck, cardId: string): string => {
    const card = deck.cards.find((c) => c.id === cardId);
    return card ? (card.title ? local(card.title, lang) : local(card.text, lang)) : cardId;
  };
  const find = (full: string): { deck: ContentDeck; cardId: string } | null => {
    const [deckId, cardId] = full.split("/");
    const deck = content.decks.find((d) => d.id === deckId);
    return deck ? { deck, cardId } : null;
  };
  const toggle = (full: string): void => {
    if (full.startsWith(OWN) && chosen.includes(full)) {
      // Taking an own card out of the order deletes it: it lives only in this form.
      setOwn({ ...own, cards: own.cards.filter((c) => OWN + c.id !== full) });
    }
    setChosen(chosen.includes(full) ? chosen.filter((c) => c !== full) : [...chosen, full]);
  };
  const move = (index: number, delta: number): void => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item);
    setChosen(next);
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!boardId || chosen.length === 0 || setupProblem(tables)) return;
    if (ownProblems > 0) {
      setError(t("own.fix_first"));
      return;
    }
    setBusy(true);
    setError(null);
    const options: Record<string, unknown> = {
      hidden_placements: hidden,
      anonymous_post_its: anonymous,
      language: lang,
    };
    if (minutes) options.minutes_per_card = Number(minutes);
    // The own deck's id: from its name, never a library deck's id (the server refuses that).
    let ownId = slug(own.name.nl || own.name.en);
    if (content.decks.some((d) => d.id === ownId)) ownId = `${ownId.slice(0, 34)}-eigen`;
    const usesOwn = chosen.some((c) => c.startsWith(OWN));
    const request: Record<string, unknown> = {
      board_id: boardId,
      card_ids: chosen.map((c) => (c.startsWith(OWN) ? `${ownId}/${c.slice(OWN.length)}` : c)),
      options,
    };
    if (usesOwn) request.own_deck = toWire({ ...own, id: ownId });
    if (title.trim()) request.title = title.trim();
    // A room keeps the plan it was adjusted from (a workshop's tables have no plan panel).
    if (preset && !isWorkshop(tables)) request.plan = planRequest(preset);
    // One command id per request: a retry of the same request resends it (docs/protocol.md §6).
    const intent = JSON.stringify({ request, tables: isWorkshop(tables) ? workshopFields(tables) : null });
    const commandId = commandIds.get(intent) ?? newCommandId();
    commandIds.set(intent, commandId);
    if (isWorkshop(tables)) {
      const workshop = await oneShot<CreateWorkshopReply>("create_room", { command_id: commandId, ...request, ...workshopFields(tables) });
      setBusy(false);
      if (workshop === "no_answer" || !workshop.ok) {
        setError(workshop === "no_answer" ? t("error.no_connection") : createRefusalText(workshop.error));
        return;
      }
      saveWorkshopCredentials(workshop.code, "facilitator", { token: workshop.facilitator_token, projector_token: workshop.projector_token });
      go(`#/workshop/${workshop.code}`);
      return;
    }
    const failed = await openRoom({ command_id: commandId, ...request });
    setBusy(false);
    setError(failed);
  };

  return (
    <form class="create-form" onSubmit={(e) => void submit(e)} data-testid="create-form">
      {preset ? (
        <p class="ok-note" role="status">
          {t("plans.adjusting", { name: local(preset.name, lang) })}
        </p>
      ) : null}
      <fieldset>
        <legend>
          <span class="step-no">1</span> {t("create.board")}
        </legend>
        <div class="choice-grid">
          {content.boards.map((b) => (
            <label key={b.id} class={`choice ${boardId === b.id ? "chosen" : ""}`}>
              <input
                type="radio"
                name="board"
                value={b.id}
                checked={boardId === b.id}
                onChange={() => {
                  setBoardId(b.id);
                  const suggested = suggestedDecks(content, b.id);
                  if (suggested.length) setOpenDecks([suggested[0]]);
                }}
              />
              <strong>{local(b.name, lang)}</strong>
              <small>{t(b.kind === "scale" ? "create.board_scale" : "create.board_quadrant")}</small>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <span class="step-no">2</span> {t("create.cards")}
        </legend>
        <p class="muted">{t("create.cards_hint")}</p>
        <div class="decks">
          {decks.map((deck) => {
            const open = openDecks.includes(deck.id);
            const ids = deck.cards.map((c) => `${deck.id}/${c.id}`);
            const all = ids.every((id) => chosen.includes(id));
            return (
              <div key={deck.id} class={`deck ${open ? "deck-open" : ""}`} data-testid={`deck-${deck.id}`}>
                <div class="deck-head">
                  <button
                    type="button"
                    class="deck-toggle"
                    aria-expanded={open}
                    onClick={() => setOpenDecks(open ? openDecks.filter((d) => d !== deck.id) : [...openDecks, deck.id])}
                  >
                    <span aria-hidden="true">{open ? "▾" : "▸"}</span> <strong>{local(deck.name, lang)}</strong>{" "}
                    <span class="muted">({t("create.card_count", { count: deck.cards.length })})</span>
                    {deck.board === boardId ? <span class="kind-tag">{t("create.fits_board")}</span> : null}
                  </button>
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => setChosen(all ? chosen.filter((c) => !ids.includes(c)) : [...chosen, ...ids.filter((id) => !chosen.includes(id))])}
                  >
                    {all ? t("create.take_none") : t("create.take_all")}
                  </button>
                </div>
                {open ? (
                  <>
                    <p class="deck-description">{local(deck.description, lang)}</p>
                    <ul class="deck-cards">
                      {deck.cards.map((card) => {
                        const full = `${deck.id}/${card.id}`;
                        return (
                          <li key={full}>
                            <label>
                              <input type="checkbox" checked={chosen.includes(full)} onChange={() => toggle(full)} />
                              <span>
                                {card.kind === "case" ? <span class="kind-tag kind-case">{t("own.kind_case")}</span> : null}
                                {card.title ? <strong>{local(card.title, lang)}: </strong> : null}
                                {local(card.text, lang)}
                              </span>
                            </label>
                            <button
                              type="button"
                              class="btn btn-small copy-card"
                              onClick={() => copyCard(deck, card.id)}
                              aria-label={t("own.copy_label", { card: local(card.title ?? card.text, lang).slice(0, 40) })}
                            >
                              {t("own.copy")}
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  </>
                ) : null}
              </div>
            );
          })}
        </div>
        <OwnCards deck={own} setDeck={setOwn} chosen={chosen} setChosen={setChosen} onProblems={setOwnProblems} />
      </fieldset>

      <fieldset>
        <legend>
          <span class="step-no">3</span> {t("create.order")} ({chosen.length})
        </legend>
        {chosen.length === 0 ? <p class="muted">{t("create.order_empty")}</p> : null}
        <ol class="order-list" data-testid="order-list">
          {chosen.map((full, index) => {
            const found = find(full);
            const mine = ownCard(full);
            const kind = mine?.kind ?? found?.deck.cards.find((c) => c.id === found.cardId)?.kind;
            const name = mine
              ? local(mine.title.nl || mine.title.en ? mine.title : mine.text, lang) || t("own.card_no", { number: own.cards.indexOf(mine) + 1 })
              : found
                ? cardName(found.deck, found.cardId)
                : full;
            const short = name.slice(0, 40);
            return (
              <li key={full}>
                <span class="order-text">
                  {mine ? <span class="kind-tag">{t("own.tag")}</span> : null}
                  {kind === "case" ? <span class="kind-tag kind-case">{t("own.kind_case")}</span> : null}
                  {name}
                </span>
                <span class="order-buttons">
                  <button type="button" class="btn btn-icon" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t("create.up", { card: short })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    class="btn btn-icon"
                    disabled={index === chosen.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={t("create.down", { card: short })}
                  >
                    ↓
                  </button>
                  <button type="button" class="btn btn-icon" onClick={() => toggle(full)} aria-label={t("create.remove", { card: short })}>
                    ✕
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      </fieldset>

      <TablesFieldset step={4} setup={tables} onChange={setTables} />

      <fieldset>
        <legend>
          <span class="step-no">5</span> {t("create.options")}
        </legend>
        <label class="field">
          <span class="label">{t("create.room_title")}</span>
          <input type="text" maxLength={80} value={title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder={t("create.room_title_placeholder")} />
        </label>
        <label class="check">
          <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.currentTarget.checked)} />{" "}
          <span>
            <strong>{t("create.hidden")}</strong> <small>{t("create.hidden_hint")}</small>
          </span>
        </label>
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />{" "}
          <span>
            <strong>{t("create.anonymous")}</strong> <small>{t("create.anonymous_hint")}</small>
          </span>
        </label>
        <label class="inline-field">
          <span>{t("create.minutes")}</span>
          <input type="number" min={1} max={60} value={minutes} placeholder="–" onInput={(e) => setMinutes(e.currentTarget.value)} />
          <small class="muted">{t("create.minutes_hint")}</small>
        </label>
      </fieldset>
      {/* Sticks to the bottom of the window: the form is long (a deck can hold 20 cards),
          and the way to open the session must stay in view. */}
      <div class="create-actions" data-testid="create-actions">
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <span class="create-chosen" aria-live="polite">
          {tCount("create.chosen", chosen.length)}
        </span>
        <button type="submit" class="btn btn-primary btn-big" disabled={busy || chosen.length === 0 || !boardId || setupProblem(tables) !== null} data-testid="create-submit">
          {busy ? t("common.busy") : t(isWorkshop(tables) ? "create.submit_workshop" : "create.submit")}
        </button>
      </div>
    </form>
  );
}
