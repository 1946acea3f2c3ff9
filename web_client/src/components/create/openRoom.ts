/** Send `create_room` and go to the new room; the error text to show if it did not open. */

import { t } from "../../i18n";
import type { CreateReply } from "../../protocol";
import { oneShot } from "../../state/connection";
import { saveCredentials } from "../../state/storage";
import { go } from "../../router";
import { createRefusalText } from "../common";

/** One packet is at most 64 KiB (docs/protocol.md, Message limits); leave room for framing. */
const MAX_REQUEST_BYTES = 60_000;

export async function openRoom(request: Record<string, unknown>, opened?: (code: string) => void): Promise<string | null> {
  if (new TextEncoder().encode(JSON.stringify(request)).length > MAX_REQUEST_BYTES) return t("own.too_big");
  const reply = await oneShot<CreateReply>("create_room", request);
  if (reply === "no_answer") return t("error.no_connection");
  if (!reply.ok) return createRefusalText(reply.error);
  saveCredentials(reply.code, "facilitator", { token: reply.facilitator_token, projector_token: reply.projector_token });
  opened?.(reply.code);
  go(`#/room/${reply.code}`);
  return null;
}
