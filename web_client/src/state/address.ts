/**
 * The address players open: the base of the join link and the QR code.
 *
 * The server says in `GET /api/info` which address players should use (`public_url`: set
 * with `--public-url`, or by default this machine's LAN address; `null` when unknown). The
 * page's own address is not always usable by others: a facilitator on the server's laptop
 * opens `http://localhost:8080/`, which means nothing on anyone else's phone. So:
 *
 * - page opened on a loopback address (localhost, 127.x, ::1): `public_url` when the server
 *   knows one, else the page's address, with a warning that others cannot reach it;
 * - page opened on any other address: that address works for the facilitator, so it is
 *   used, unless `public_url` names a host by name (an address an operator configured, such
 *   as `https://leerklimaat.example.nl/`). A detected LAN IP does not replace a reachable
 *   page address: in a container the detected address is the container's own, which nobody
 *   outside can reach.
 */

import type { Language } from "../protocol";

export interface PageAddress {
  origin: string;
  pathname: string;
  hostname: string;
}

export interface JoinBase {
  /** The address with a trailing slash or path, to which `#/join/CODE` is appended. */
  base: string;
  /** The base is the page's own loopback address: only this computer can open it. */
  localOnly: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1";
}

function isIpLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(":");
}

/** `public_url` as a base (absolute http(s) URL ending in "/"), or null when unusable. */
export function normalisePublicUrl(publicUrl: string | null | undefined): URL | null {
  if (!publicUrl) return null;
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    url.search = "";
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    return url;
  } catch {
    return null;
  }
}

export function joinBase(publicUrl: string | null | undefined, page: PageAddress): JoinBase {
  const configured = normalisePublicUrl(publicUrl);
  const pageBase = `${page.origin}${page.pathname}`;
  if (isLoopbackHost(page.hostname)) {
    return configured ? { base: configured.href, localOnly: false } : { base: pageBase, localOnly: true };
  }
  if (configured && !isIpLiteral(configured.hostname) && !isLoopbackHost(configured.hostname)) {
    return { base: configured.href, localOnly: false };
  }
  return { base: pageBase, localOnly: false };
}

/** The join link; an English session's link opens its join page in English. */
export function joinLink(base: JoinBase, code: string, lang: Language = "nl"): string {
  return `${base.base}#/join/${code}${lang === "nl" ? "" : `?lang=${lang}`}`;
}

let info: Promise<string | null> | null = null;

/** The server's `public_url` (fetched once per page; null when unknown or unreachable). */
export function fetchPublicUrl(): Promise<string | null> {
  info ??= fetch("api/info", { headers: { Accept: "application/json" } })
    .then((r): Promise<{ public_url?: unknown }> | { public_url?: unknown } => (r.ok ? r.json() : {}))
    .then((body) => (typeof body.public_url === "string" ? body.public_url : null))
    .catch(() => {
      info = null; // ask again next time
      return null;
    });
  return info;
}
