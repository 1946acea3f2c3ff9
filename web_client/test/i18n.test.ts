import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { nl } from "../src/i18n/nl";
import { followSession, language, setLanguage, translate } from "../src/i18n";
import { storage } from "../src/state/storage";

describe("i18n catalogues", () => {
  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });
  it("have no empty strings and the same placeholders per key", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(nl[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });
  it("fills placeholders", () => {
    expect(translate("nl", "card.count", { n: 2, total: 5 })).toBe("Kaart 2 van 5");
    expect(translate("en", "card.count", { n: 2, total: 5 })).toBe("Card 2 of 5");
  });
});

describe("counts in words", () => {
  it("say one thing in the singular and others in the plural, never 'kaart(en)'", async () => {
    const { tCount, setLanguage } = await import("../src/i18n");
    setLanguage("nl");
    expect(tCount("create.chosen", 1)).toBe("1 kaart gekozen");
    expect(tCount("create.chosen", 0)).toBe("0 kaarten gekozen");
    expect(tCount("board.hidden", 1)).toBe("1 pion verborgen tot iedereen heeft geplaatst");
    expect(tCount("board.hidden", 2)).toBe("2 pionnen verborgen tot iedereen heeft geplaatst");
    expect(tCount("board.crowd_second", 3)).toBe("3 herziene plaatsingen hier");
    expect(tCount("connection.pending", 1)).toBe("1 wijziging wacht en wordt verstuurd zodra de verbinding terug is.");
    setLanguage("en");
    expect(tCount("create.chosen", 1)).toBe("1 card chosen");
    expect(tCount("board.secret", 2)).toBe("Only you see 2 pawns: hidden from the group");
    setLanguage("nl");
  });
});

describe("the language of the session on screen", () => {
  it("is followed by a browser that never chose one, and a choice made with the switch wins", () => {
    storage.removeItem("lk:language");
    setLanguage("nl");
    storage.removeItem("lk:language"); // setLanguage stores: as if never chosen
    followSession("en");
    expect(language()).toBe("en");
    expect(storage.getItem("lk:language")).toBeNull(); // not a choice: the next session's applies
    followSession("nl");
    expect(language()).toBe("nl");
    setLanguage("nl"); // chosen with the switch
    followSession("en");
    expect(language()).toBe("nl");
    storage.removeItem("lk:language");
  });
});
