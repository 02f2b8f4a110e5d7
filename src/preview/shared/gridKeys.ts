// The grid's keys, shared so the mapping is tested in Node: 1–4 name U1–U4, Shift+1–4 V1–V4. By
// physical key (`code`), so Shift+1 is the same key on every layout whatever character it types;
// the number pad counts too. With Ctrl, Alt or Meta held the key belongs to VS Code or the system.

export interface GridKeyPress {
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export interface GridKey {
  /** 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right. */
  quadrant: number;
  /** V (Shift) rather than U. */
  variation: boolean;
}

const DIGIT = /^(?:Digit|Numpad)([1-4])$/;

export function gridKeyOf(e: GridKeyPress): GridKey | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey) {
    return undefined;
  }
  const m = DIGIT.exec(e.code);
  return m ? { quadrant: Number(m[1]), variation: e.shiftKey } : undefined;
}
