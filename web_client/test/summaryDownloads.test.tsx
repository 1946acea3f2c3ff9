// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { Downloads, downloadsOf } from "../src/components/Downloads";
import { forgetCredentials, forgetWorkshopCredentials, saveCredentials, saveWorkshopCredentials } from "../src/state/storage";

afterEach(() => {
  for (const code of ["PLEN01", "TAB001", "SOLO01"]) forgetCredentials(code, "facilitator");
  forgetWorkshopCredentials("WKSHOP", "facilitator");
});

describe("the files a room's facilitator takes home", () => {
  it("in a workshop's plenary room are the workshop's, with the workshop's key", () => {
    saveWorkshopCredentials("WKSHOP", "facilitator", { token: "w.key", projector_token: "w.proj" });
    saveCredentials("PLEN01", "facilitator", { token: "p.key", workshop: "WKSHOP", table_id: "plenary" });
    expect(downloadsOf("PLEN01", "WKSHOP", "facilitator")).toEqual({ code: "WKSHOP", token: "w.key", workshop: true });

    const root = document.createElement("div");
    const files = downloadsOf("PLEN01", "WKSHOP", "facilitator");
    act(() => render(<Downloads code={files.code} token={files.token} as="facilitator" prominent hint="exports.hint_workshop" />, root));
    const pdf = root.querySelector<HTMLAnchorElement>("a[data-format=pdf]")!;
    expect(pdf.getAttribute("href")).toBe("api/rooms/WKSHOP/export/pdf?token=w.key");
    expect(root.textContent).toContain("het rapport van de hele workshop begint met wat de plenaire terugkoppeling besloot");
    act(() => render(null, root));
  });

  it("at a table of a workshop, in a room on its own, or without the workshop's key: the room's", () => {
    saveCredentials("TAB001", "facilitator", { token: "t.key", workshop: "WKSHOP", table_id: "t1" });
    saveWorkshopCredentials("WKSHOP", "facilitator", { token: "w.key", projector_token: "w.proj" });
    expect(downloadsOf("TAB001", "WKSHOP", "facilitator")).toEqual({ code: "TAB001", workshop: false });
    expect(downloadsOf("SOLO01", null, "facilitator")).toEqual({ code: "SOLO01", workshop: false });
    forgetWorkshopCredentials("WKSHOP", "facilitator");
    saveCredentials("PLEN01", "facilitator", { token: "p.key", workshop: "WKSHOP", table_id: "plenary" });
    expect(downloadsOf("PLEN01", "WKSHOP", "facilitator")).toEqual({ code: "PLEN01", workshop: false });
  });
});
