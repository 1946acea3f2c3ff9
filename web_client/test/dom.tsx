/** Components rendered into the test DOM, each into its own element, all taken down after a test. */
import { render } from "preact";
import { act } from "preact/test-utils";

const mounted: HTMLElement[] = [];

export function mount(node: preact.ComponentChild): HTMLElement {
  const el = document.createElement("div");
  document.body.appendChild(el);
  mounted.push(el);
  act(() => render(node, el));
  return el;
}

/** Unmount everything ``mount`` rendered (call in ``afterEach``). */
export function unmountAll(): void {
  for (const el of mounted.splice(0)) {
    act(() => render(null, el));
    el.remove();
  }
}
