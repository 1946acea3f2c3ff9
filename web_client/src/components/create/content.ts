/** The content library (/api/content), fetched once per page for the plans and the form. */

import { useEffect, useState } from "preact/hooks";
import type { Content } from "../../protocol";

let pending: Promise<Content> | null = null;

function fetchContent(): Promise<Content> {
  pending ??= fetch("/api/content")
    .then((r) => (r.ok ? (r.json() as Promise<Content>) : Promise.reject(new Error(String(r.status)))))
    .then((c) => ({ ...c, plans: c.plans ?? [] }))
    .catch((e: unknown) => {
      pending = null; // a later visit tries again
      throw e;
    });
  return pending;
}

export function useContent(): { content: Content | null; failed: boolean } {
  const [content, setContent] = useState<Content | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetchContent()
      .then(setContent)
      .catch(() => setFailed(true));
  }, []);
  return { content, failed };
}
