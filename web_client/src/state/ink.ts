/**
 * The colour of text on a player's colour (the initials on a pawn): white where white
 * reaches WCAG AA's 4.5:1 on it, else black. The palette stays as vivid and as far apart
 * as it is (game_server/rules/model.py PLAYER_COLOURS); the light ones (orange, cyan,
 * olive, pink, green, purple, grey) get black initials instead of white at 2-4:1. Works
 * for any colour a stored room carries, not only today's palette.
 */

const AA = 4.5;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`; null for anything else. */
export function luminance(hex: string): number | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const la = luminance(a) ?? 0;
  const lb = luminance(b) ?? 0;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const WHITE = "#ffffff";
export const BLACK = "#000000";

export function inkOn(colour: string): string {
  if (luminance(colour) === null) return WHITE;
  return contrast(colour, WHITE) >= AA ? WHITE : BLACK;
}
