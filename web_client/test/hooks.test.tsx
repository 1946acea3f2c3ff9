// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { memo } from "preact/compat";
import { sameSelection, useSelected, useViewParts } from "../src/hooks";
import { setLanguage, t } from "../src/i18n";
import type { RoomSession } from "../src/state/session";
import { baseView } from "./fixtures";

/** A store like RoomSession: a state replaced on every change, listeners told. */
class Store<S> {
  private listeners = new Set<() => void>();
  constructor(public state: S) {}
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: S): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
  get listening(): number {
    return this.listeners.size;
  }
}

type State = { cards: { n: number }; post_its: { n: number } };

function mount<T>(store: Store<State>, select: (s: Store<State>) => T): { renders: () => number; seen: () => T | null; unmount: () => void } {
  let renders = 0;
  let seen: T | null = null;
  function Probe() {
    renders += 1;
    seen = useSelected(store, select);
    return null;
  }
  const root = document.createElement("div");
  act(() => render(<Probe />, root));
  return { renders: () => renders, seen: () => seen, unmount: () => act(() => render(null, root)) };
}

describe("useSelected", () => {
  it("re-renders when the selected part changes, not when another part does", () => {
    const store = new Store<State>({ cards: { n: 1 }, post_its: { n: 1 } });
    const probe = mount(store, (s) => s.state.cards);
    expect(probe.renders()).toBe(1);
    act(() => store.set({ ...store.state, post_its: { n: 2 } }));
    expect(probe.renders()).toBe(1);
    const cards = { n: 2 };
    act(() => store.set({ ...store.state, cards }));
    expect(probe.renders()).toBe(2);
    expect(probe.seen()).toBe(cards);
  });

  it("compares a selection of several parts member by member", () => {
    const store = new Store<State>({ cards: { n: 1 }, post_its: { n: 1 } });
    const probe = mount(store, (s) => ({ cards: s.state.cards }));
    act(() => store.set({ ...store.state, post_its: { n: 2 } }));
    expect(probe.renders()).toBe(1);
    act(() => store.set({ ...store.state, cards: { n: 3 } }));
    expect(probe.renders()).toBe(2);
    expect(probe.seen()).toEqual({ cards: { n: 3 } });
  });

  it("stops listening when the component goes", () => {
    const store = new Store<State>({ cards: { n: 1 }, post_its: { n: 1 } });
    const probe = mount(store, (s) => s.state.cards);
    expect(store.listening).toBe(1);
    probe.unmount();
    expect(store.listening).toBe(0);
  });

  it("gives null without a source", () => {
    let seen: unknown = "not rendered";
    function Probe() {
      seen = useSelected(null as Store<State> | null, (s) => s.state.cards);
      return null;
    }
    act(() => render(<Probe />, document.createElement("div")));
    expect(seen).toBeNull();
  });
});

describe("sameSelection", () => {
  it("is identity, or member-by-member identity of arrays and objects", () => {
    const part = { n: 1 };
    expect(sameSelection(part, part)).toBe(true);
    expect(sameSelection({ n: 1 }, { n: 1 })).toBe(true);
    expect(sameSelection({ a: part }, { a: { n: 1 } })).toBe(false);
    expect(sameSelection([part, 2], [part, 2])).toBe(true);
    expect(sameSelection([part], { 0: part })).toBe(false);
    expect(sameSelection({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameSelection(null, {})).toBe(false);
    expect(sameSelection(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe("useViewParts", () => {
  /** What a memo'd panel sees of a session: a view replaced on every update. */
  function fakeSession() {
    const store = new Store({ view: baseView(), online: true });
    const session = {
      get view() {
        return store.state.view;
      },
      get online() {
        return store.state.online;
      },
      subscribe: (listener: () => void) => store.subscribe(listener),
    };
    return { store, session: session as unknown as RoomSession };
  }

  it("re-renders on a change of its parts or of the language, not of other parts", () => {
    const { store, session } = fakeSession();
    let renders = 0;
    const Panel = memo(function Panel({ session }: { session: RoomSession }) {
      renders += 1;
      const view = useViewParts(session, ["agenda"] as const);
      return <p>{view ? `${t("agenda.title")} ${view.agenda.join(",")}` : ""}</p>;
    });
    const root = document.createElement("div");
    act(() => render(<Panel session={session} />, root));
    expect(root.textContent).toBe("Kaarten d/a");
    act(() => store.set({ ...store.state, view: { ...store.state.view, post_its_locked: true } }));
    expect(renders).toBe(1);
    act(() => store.set({ ...store.state, view: { ...store.state.view, agenda: ["d/a", "d/b"] } }));
    expect(root.textContent).toBe("Kaarten d/a,d/b");
    act(() => setLanguage("en"));
    expect(root.textContent).toBe("Cards d/a,d/b");
    act(() => setLanguage("nl"));
    expect(renders).toBe(4);
  });
});
