/**
 * Hash routes: #/ (home), #/join/CODE, #/room/CODE[?as=player], #/projector/CODE[?token=...],
 * #/workshop/CODE (a workshop: the facilitator's overview, or a participant finding their
 * table), #/workshop-projector/CODE?token=... (the workshop's projector).
 */

export type Route =
  | { name: "home" }
  | { name: "join"; code: string }
  | { name: "room"; code: string; as: "facilitator" | "player" | null }
  | { name: "projector"; code: string; token: string | null }
  | { name: "workshop"; code: string }
  | { name: "workshop-projector"; code: string; token: string | null };

export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean);
  const code = (parts[1] ?? "").toUpperCase();
  if (parts[0] === "join") return { name: "join", code };
  if (parts[0] === "room" && code) {
    const as = params.get("as");
    return { name: "room", code, as: as === "player" || as === "facilitator" ? as : null };
  }
  if (parts[0] === "projector" && code) return { name: "projector", code, token: params.get("token") };
  if (parts[0] === "workshop" && code) return { name: "workshop", code };
  if (parts[0] === "workshop-projector" && code) return { name: "workshop-projector", code, token: params.get("token") };
  return { name: "home" };
}

export function go(hash: string): void {
  window.location.hash = hash;
}

/** The address of this app with a given hash route (for join links, QR codes, projector). */
export function appUrl(hash: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${hash}`;
}
