import { describe, expect, it } from "vitest";
import { EXPORTS, exportHref } from "../src/components/Downloads";

describe("download links", () => {
  it("point at the export endpoint, relative to the page, with the token as a query", () => {
    expect(exportHref("KMP47X", "pdf", "f1.abc")).toBe("api/rooms/KMP47X/export/pdf?token=f1.abc");
    expect(exportHref("KMP47X", "csv-semicolon", "p.x/y+z")).toBe(
      "api/rooms/KMP47X/export/csv-semicolon?token=p.x%2Fy%2Bz",
    );
  });

  it("offer every format the server makes, once", () => {
    const formats = EXPORTS.map((e) => e.format).sort();
    expect(formats).toEqual(["csv", "csv-semicolon", "docx", "json", "md", "pdf", "policy", "xlsx"]);
  });
});
