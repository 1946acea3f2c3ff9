/** The link that opens the projector screen (with its token) in a new tab. */

import { t } from "../../i18n";
import { appUrl } from "../../router";
import { loadCredentials } from "../../state/storage";

export function projectorUrl(code: string): string | null {
  const credentials = loadCredentials(code, "facilitator");
  if (!credentials?.projector_token) return null;
  return appUrl(`#/projector/${code}?token=${encodeURIComponent(credentials.projector_token)}`);
}

export function ProjectorLink({ code }: { code: string }) {
  const url = projectorUrl(code);
  if (!url) return null;
  return (
    <a class="btn" href={url} target="_blank" rel="noopener" data-testid="projector-link">
      {t("facilitator.projector_link")} ↗
    </a>
  );
}
