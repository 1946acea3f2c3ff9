import { afterEach, describe, expect, it } from "vitest";
import { createRefusalText } from "../src/components/common";
import { setLanguage } from "../src/i18n";

describe("a refused create_room", () => {
  afterEach(() => setLanguage("nl"));

  it("past the rooms per address says how many minutes to wait, in Dutch and English", () => {
    setLanguage("nl");
    const error = { code: "too_many_rooms", message: "This address made 60 rooms...", retry_after: 754 };
    expect(createRefusalText(error)).toBe(
      "Vanaf dit netwerk zijn de laatste tijd te veel sessies en workshops aangemaakt. Wacht 13 minuten en probeer het dan opnieuw.",
    );
    expect(createRefusalText({ ...error, retry_after: 5 })).toContain("Wacht 1 minuut ");
    setLanguage("en");
    expect(createRefusalText(error)).toBe(
      "Too many sessions and workshops were created from this network recently. Wait 13 minutes and try again.",
    );
  });

  it("shows other codes as every refusal is shown", () => {
    setLanguage("nl");
    expect(createRefusalText({ code: "unknown_content", message: "x" })).toBe(
      "Het bord of een kaart bestaat niet (meer) op deze server; kies opnieuw.",
    );
    expect(createRefusalText({ code: "something_new", message: "Server text." })).toBe("Server text.");
  });
});
