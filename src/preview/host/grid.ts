import type { TaskButton } from '../../core/types';

// A 2×2 grid (what IMAGINE, VARIATION, REROLL, BLEND, PAN and ZOOM produce) is recognised by its
// buttons, not by the action: relays name actions freely, but U1–U4 always mean "this image has
// four quadrants". Quadrants count row by row: 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right.

export interface GridQuadrant {
  index: 1 | 2 | 3 | 4;
  /** Positions in the task's `buttons` array, or null when the grid lacks that button. */
  upscale: number | null;
  variation: number | null;
}

const UPSCALE = /^MJ::JOB::upsample::([1-4])::/;
const VARIATION = /^MJ::JOB::variation::([1-4])::/;

function quadrantOf(button: TaskButton, customId: RegExp, label: RegExp): number | null {
  const m = customId.exec(button.customId) ?? label.exec(button.label.trim());
  return m ? Number(m[1]) : null;
}

/** The four quadrants when the buttons hold U1–U4 (by customId, or by label on relays that rename them); else null. */
export function gridQuadrants(buttons: readonly TaskButton[]): GridQuadrant[] | null {
  const quadrants: GridQuadrant[] = ([1, 2, 3, 4] as const).map((index) => ({ index, upscale: null, variation: null }));
  buttons.forEach((b, i) => {
    const u = quadrantOf(b, UPSCALE, /^U([1-4])$/);
    if (u !== null && quadrants[u - 1].upscale === null) {
      quadrants[u - 1].upscale = i;
      return;
    }
    const v = quadrantOf(b, VARIATION, /^V([1-4])$/);
    if (v !== null && quadrants[v - 1].variation === null) {
      quadrants[v - 1].variation = i;
    }
  });
  return quadrants.every((q) => q.upscale !== null) ? quadrants : null;
}
