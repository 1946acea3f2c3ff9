// @vitest-environment happy-dom
/**
 * The room and projector screens no longer re-render on every update: each part reads its
 * own parts of the view. These tests count the renders of the parts over a session whose
 * view changes as the replica changes it (applyOps copies only what an update touched).
 */
import { describe, expect, it } from "vitest";
import { options, render, type VNode } from "preact";
import { act } from "preact/test-utils";
import { ConnectionBanner, Notices } from "../src/components/common";
import { LivePostItWall, PostItWall } from "../src/components/PostIts";
import { StillToPlace } from "../src/components/StillToPlace";
import { CardPanel } from "../src/components/CardPanel";
import { CardStep } from "../src/screens/Room";
import { Drafts } from "../src/state/drafts";
import type { Op, View } from "../src/protocol";
import { applyOps } from "../src/state/replica";
import type { RoomSession } from "../src/state/session";
import { baseView } from "./fixtures";

/** A session as the screens see it: a view replaced by each update, listeners told. */
class FakeSession {
  view: View;
  status: RoomSession["status"] = "online";
  notices: RoomSession["notices"] = [];
  queue = { items: [] as { command: { type: string } }[] };
  private listeners = new Set<() => void>();
  constructor(view: View) {
    this.view = view;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }
  update(ops: Op[]): void {
    this.view = applyOps(this.view, ops);
    this.changed();
  }
}

/** How often each of `components` rendered while `run` ran. */
function countRenders(components: unknown[], run: () => void): number[] {
  const counts = components.map(() => 0);
  const before = options.diffed;
  options.diffed = (vnode: VNode) => {
    const at = components.indexOf(vnode.type);
    if (at >= 0) counts[at] += 1;
    before?.(vnode);
  };
  try {
    run();
  } finally {
    options.diffed = before;
  }
  return counts;
}

function cardView(): View {
  const view = baseView();
  view.phase = "discuss";
  view.current_card_id = "d/a";
  view.players = { p1: { id: "p1", name: "Anna", seat: 0, colour: "#123", active: true, removed: false, moved_to: null } };
  view.cards = {
    "d/a": {
      id: "d/a",
      kind: "statement",
      text: { nl: "Stelling" },
      title: null,
      minutes: null,
      deck_id: "d",
      author_id: null,
      prompt: null,
      to_write: false,
      started: true,
      skipped: false,
      reader_id: null,
      pile: null,
    },
  };
  view.placements = { "d/a": { first: { hidden: false, positions: {} }, second: { hidden: false, positions: {} } } };
  return view;
}

const POST_IT = {
  id: "n1",
  card_id: "d/a",
  colour: "green",
  text: "<b>niet vet</b>",
  author_id: null,
  mine: false,
  created_at: 2,
  edited_at: null,
  pile: null,
  resolved: false,
  can_edit: false,
  suggested_pile: "green",
  table_id: null,
  table_name: null,
  author_name: null,
  pile_card: false,
};

describe("the live parts of a screen", () => {
  it("the post-it wall does not re-render when a pawn is placed, and does for a post-it", () => {
    const session = new FakeSession(cardView());
    const root = document.createElement("div");
    act(() => render(<LivePostItWall session={session as unknown as RoomSession} cardId="d/a" showPending />, root));
    const [pawn] = countRenders([PostItWall], () =>
      act(() =>
        session.update([
          ["set", ["placements", "d/a", "first", "positions", "p1"], { square: 3 }],
          ["set", ["still_to_place"], []],
        ]),
      ),
    );
    expect(pawn).toBe(0);
    const [postIt] = countRenders([PostItWall], () => act(() => session.update([["set", ["post_its", "n1"], POST_IT]])));
    expect(postIt).toBe(1);
    expect(root.textContent).toContain("<b>niet vet</b>"); // text, never markup
  });

  it("the wall re-renders for this device's post-it waiting to be sent", () => {
    const session = new FakeSession(cardView());
    act(() => render(<LivePostItWall session={session as unknown as RoomSession} cardId="d/a" showPending />, document.createElement("div")));
    const [queued] = countRenders([PostItWall], () => {
      session.queue.items.push({ command: { type: "add_post_it", colour: "pink", text: "x", card_id: "d/a" } as { type: string } });
      act(() => session.changed());
    });
    expect(queued).toBe(1);
    const [unrelated] = countRenders([PostItWall], () => act(() => session.update([["set", ["timer"], null]])));
    expect(unrelated).toBe(0);
  });

  it("a card step's card and instruction do not re-render for a pawn or a post-it", () => {
    const session = new FakeSession(cardView());
    const root = document.createElement("div");
    const actions = { edit: () => undefined, remove: () => undefined };
    act(() =>
      render(<CardStep session={session as unknown as RoomSession} drafts={new Drafts("ACDEFH")} actions={actions} facilitator={false} />, root),
    );
    expect(root.querySelector("[data-testid=card]")).not.toBeNull();
    const parts = [CardPanel, StillToPlace, PostItWall];
    const pawn = countRenders(parts, () =>
      act(() =>
        session.update([
          ["set", ["placements", "d/a", "first", "positions", "p1"], { square: 3 }],
          ["set", ["still_to_place"], []],
        ]),
      ),
    );
    expect(pawn).toEqual([0, 1, 0]);
    const postIt = countRenders(parts, () => act(() => session.update([["set", ["post_its", "n1"], POST_IT]])));
    expect(postIt).toEqual([0, 0, 1]);
    const step = countRenders(parts, () => act(() => session.update([["set", ["phase"], "revise"]])));
    expect(step[0]).toBe(1);
  });

  it("the connection banner and the notices follow the session by themselves", () => {
    const session = new FakeSession(cardView());
    const root = document.createElement("div");
    act(() =>
      render(
        <div>
          <ConnectionBanner session={session as unknown as RoomSession} />
          <Notices session={session as unknown as RoomSession} />
        </div>,
        root,
      ),
    );
    expect(root.textContent).toBe("");
    session.status = "offline";
    act(() => session.changed());
    expect(root.querySelector("[data-testid=offline-banner]")).not.toBeNull();
    session.notices.push({ id: "pe1", kind: "protocol_error", error: { code: "bad_request", message: "m" }, at: Date.now() });
    act(() => session.changed());
    expect(root.querySelectorAll("[data-testid=notice]")).toHaveLength(1);
  });
});
