/**
 * The facilitator's downloads: plain `<a download>` links to the export endpoint
 * (`GET /api/rooms/{code}/export/{format}?token=…`, see docs/exports.md). The server builds
 * each file from everything stored when the link is followed, so a download is always the
 * game so far. Only the facilitator's screen renders this; the server refuses other tokens.
 * `download=""` keeps the file name the server gives (`Content-Disposition`): the two CSV
 * variants are saved as `leerklimaat-<code>-<date>.csv` and `…-excel.csv`, never as "(1)".
 */

import { t } from "../i18n";
import type { Key } from "../i18n";
import { loadCredentials, loadWorkshopCredentials, type As } from "../state/storage";

export type ExportFormat = "pdf" | "docx" | "policy" | "xlsx" | "csv-semicolon" | "csv" | "md" | "json";

export const EXPORTS: { format: ExportFormat; key: Key; main: boolean }[] = [
  { format: "pdf", key: "exports.pdf", main: true },
  { format: "docx", key: "exports.docx", main: true },
  // The actions and priorities as a section of the organisation's learning policy (Word).
  { format: "policy", key: "exports.policy", main: true },
  { format: "xlsx", key: "exports.xlsx", main: true },
  { format: "csv-semicolon", key: "exports.csv_semicolon", main: false },
  { format: "csv", key: "exports.csv", main: false },
  { format: "md", key: "exports.md", main: false },
  { format: "json", key: "exports.json", main: false },
];

/**
 * The download address of one format, relative to the page (so it follows whatever
 * address and path the app was opened on).
 */
export function exportHref(code: string, format: ExportFormat, token: string): string {
  return `api/rooms/${encodeURIComponent(code)}/export/${format}?token=${encodeURIComponent(token)}`;
}

/**
 * Whose files a room's facilitator downloads. In a workshop's plenary room the files worth
 * taking home are the workshop's (the plenary's decisions first, then every table), not the
 * plenary room's alone: with the workshop's facilitator keys on this device, the workshop.
 */
export function downloadsOf(code: string, workshop: string | null, as?: As): { code: string; token?: string; workshop: boolean } {
  if (workshop && as === "facilitator" && loadCredentials(code, as)?.table_id === "plenary") {
    const keys = loadWorkshopCredentials(workshop, "facilitator");
    if (keys) return { code: workshop, token: keys.token, workshop: true };
  }
  return { code, workshop: false };
}

/**
 * `as` is the seat this screen uses: the facilitator's token, or after a hand-over the
 * player token of the player who now steers (the server accepts both while they steer).
 */
export function Downloads({
  code,
  as,
  token: given,
  prominent = false,
  hint,
}: {
  code: string;
  as?: As;
  token?: string;
  prominent?: boolean;
  hint?: Key;
}) {
  // A workshop's files are downloaded with the workshop's facilitator token (given).
  const token = given ?? (as ? loadCredentials(code, as)?.token : undefined);
  if (!token) return null;
  const link = ({ format, key, main }: (typeof EXPORTS)[number]) => (
    <li key={format}>
      <a
        class={`btn download ${main ? "download-main" : "btn-small btn-quiet"} ${prominent && format === "pdf" ? "btn-primary" : ""}`}
        href={exportHref(code, format, token)}
        download=""
        data-format={format}
      >
        <span aria-hidden="true">⬇</span> {t(key)}
      </a>
    </li>
  );
  return (
    <section
      class={`panel downloads ${prominent ? "downloads-prominent" : ""}`}
      aria-label={t("exports.title")}
      data-testid="downloads"
      data-slot="exports"
    >
      <h2>{t("exports.title")}</h2>
      <p class="muted">{t(hint ?? (prominent ? "exports.hint_end" : "exports.hint"))}</p>
      <ul class="download-list download-list-main">{EXPORTS.filter((e) => e.main).map(link)}</ul>
      <ul class="download-list">{EXPORTS.filter((e) => !e.main).map(link)}</ul>
    </section>
  );
}
