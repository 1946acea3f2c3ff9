// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { setLanguage } from "../src/i18n";
import { mount, unmountAll } from "./dom";
import { PlenaryOpen, PlenaryStart } from "../src/components/workshop/PlenaryPanel";
import { loadCredentials } from "../src/state/storage";
import type { WorkshopView } from "../src/protocol";
import type { WorkshopCommand, WorkshopSession } from "../src/state/workshopSession";
import { workshopView } from "./workshopFixtures";

afterEach(() => {
  unmountAll();
  setLanguage("nl");
  window.location.hash = "";
});

/** The two things the panel asks of its session: online, and send (answered at once). */
function sessionSending(sent: WorkshopCommand[]): WorkshopSession<WorkshopView> {
  return {
    online: true,
    send: (body: WorkshopCommand) => {
      sent.push(body);
      return Promise.resolve({ code: "PLENAR" });
    },
  } as unknown as WorkshopSession<WorkshopView>;
}

const PLENARY = { id: "plenary", name: "Plenair", code: "PLENAR", facilitator_token: "f.p", projector_token: "v.p" };

describe("starting the plenary from the workshop's screen", () => {
  it("asks first, then sends open_plenary once", () => {
    const sent: WorkshopCommand[] = [];
    const view: WorkshopView = { ...workshopView(), phase: "playing" };
    const el = mount(<PlenaryStart session={sessionSending(sent)} view={view} />);
    expect(el.querySelector("h2")!.textContent).toBe("Plenaire terugkoppeling");
    expect(el.textContent).toContain("Wat een tafel daarna nog schrijft, gaat niet mee.");
    const start = [...el.querySelectorAll("button")].find((b) => b.textContent === "Plenaire terugkoppeling starten")!;
    act(() => start.click());
    expect(sent).toEqual([]);
    const yes = [...el.querySelectorAll("button")].find((b) => b.textContent === "Ja, de stapels van alle tafels nu verzamelen")!;
    act(() => yes.click());
    expect(sent).toEqual([{ type: "open_plenary" }]);
  });

  it("opens the plenary room with the facilitator's keys once the workshop names it", async () => {
    const sent: WorkshopCommand[] = [];
    const playing: WorkshopView = { ...workshopView(), phase: "playing" };
    const el = mount(<PlenaryStart session={sessionSending(sent)} view={playing} />);
    act(() => [...el.querySelectorAll("button")].find((b) => b.textContent === "Plenaire terugkoppeling starten")!.click());
    await act(async () => {
      [...el.querySelectorAll("button")].find((b) => b.textContent!.startsWith("Ja,"))!.click();
      await Promise.resolve();
    });
    expect(window.location.hash).toBe("");
    act(() => render(<PlenaryStart session={sessionSending(sent)} view={{ ...playing, phase: "plenary", plenary: PLENARY }} />, el));
    expect(window.location.hash).toBe("#/room/PLENAR");
    expect(loadCredentials("PLENAR", "facilitator")).toEqual({ token: "f.p", projector_token: "v.p", workshop: "WXYZAB", table_id: "plenary" });
    // In phase plenary the start is gone.
    expect(el.querySelector("[data-testid=plenary-start]")).toBeNull();
  });

  it("is offered only while the tables play", () => {
    const el = mount(<PlenaryStart session={sessionSending([])} view={workshopView()} />);
    expect(el.innerHTML).toBe("");
  });
});

describe("the open plenary on the workshop's screen", () => {
  it("links to the plenary room, in the UI language", () => {
    const el = mount(<PlenaryOpen view={{ ...workshopView(), phase: "plenary", plenary: PLENARY }} />);
    const link = el.querySelector("a")!;
    expect(link.textContent).toBe("Plenaire terugkoppeling openen");
    expect(link.getAttribute("href")).toBe("#/room/PLENAR");
    setLanguage("en");
    act(() => render(<PlenaryOpen view={{ ...workshopView(), phase: "plenary", plenary: PLENARY }} />, el));
    expect(el.querySelector("a")!.textContent).toBe("Open the plenary feedback");
  });
});

describe("who steers the tables", () => {
  it("is asked while the tables play, not once the plenary is open", async () => {
    const { WorkshopSteering } = await import("../src/components/workshop/WorkshopSteering");
    const playing = mount(<WorkshopSteering session={sessionSending([])} view={{ ...workshopView(), phase: "playing" }} seated={4} />);
    expect(playing.textContent).toContain("Wie stuurt de tafels?");
    const plenary = mount(<WorkshopSteering session={sessionSending([])} view={{ ...workshopView(), phase: "plenary" }} seated={4} />);
    expect(plenary.textContent).not.toContain("Wie stuurt de tafels?");
    expect(plenary.textContent).toContain("Workshop afsluiten");
  });
});
