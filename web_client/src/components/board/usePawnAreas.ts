import { useEffect, useState } from "preact/hooks";
import type { PawnAreas } from "../../layout/board";

/** The inner size of every square's pawn area and the normal pawn size there, live. */
export function usePawnAreas(board: { current: HTMLElement | null }, squares: number): PawnAreas | null {
  const [areas, setAreas] = useState<PawnAreas | null>(null);
  useEffect(() => {
    const el = board.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const cells = Array.from(el.querySelectorAll<HTMLElement>(".square-pawns"));
    const measure = (): void => {
      const sizes: PawnAreas["sizes"] = {};
      for (const cell of cells) {
        const style = getComputedStyle(cell);
        sizes[Number(cell.dataset.pawnsOf)] = {
          width: cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          height: cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
        };
      }
      const pawn = el.querySelector<HTMLElement>(".pawn-probe")?.offsetWidth ?? 0;
      setAreas((old) => (old && old.pawn === pawn && sameSizes(old.sizes, sizes) ? old : { pawn, sizes }));
    };
    const observer = new ResizeObserver(measure);
    for (const cell of cells) observer.observe(cell);
    measure();
    return () => observer.disconnect();
  }, [board, squares]);
  return areas;
}

function sameSizes(a: PawnAreas["sizes"], b: PawnAreas["sizes"]): boolean {
  const keys = Object.keys(b);
  return (
    keys.length === Object.keys(a).length &&
    keys.every((k) => {
      const x = a[Number(k)];
      const y = b[Number(k)];
      return x !== undefined && Math.abs(x.width - y.width) < 1 && Math.abs(x.height - y.height) < 1;
    })
  );
}
