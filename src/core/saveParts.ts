import * as l10n from '@vscode/l10n';
import { gridQuadrants } from '../preview/host/grid';
import { MediaKind } from './mediaDownload';
import { SavePart } from './saveNames';
import { Task } from './types';

// What of a finished task can be saved, and where each piece comes from: the whole image, each
// quadrant of a grid — from the server's per-quadrant `imageUrls` where it sends four, otherwise
// cut from the grid here — the other images, and the videos.

export interface SaveSource {
  part: SavePart;
  /** Stable across views: 'image', 'q2', 'image3', 'video1' (what the preview and the command pass). */
  id: string;
  /** "Whole grid", "Image 2 (top right)", "Video 1". */
  label: string;
  kind: MediaKind;
  url: string;
  /** The quadrant is cut from `url` (the grid) rather than downloaded as it is. */
  cut: boolean;
}

const CORNERS = ['', 'top left', 'top right', 'bottom left', 'bottom right'] as const;

function cornerLabel(index: 1 | 2 | 3 | 4): string {
  switch (CORNERS[index]) {
    case 'top left':
      return l10n.t('Image {0} (top left)', index);
    case 'top right':
      return l10n.t('Image {0} (top right)', index);
    case 'bottom left':
      return l10n.t('Image {0} (bottom left)', index);
    default:
      return l10n.t('Image {0} (bottom right)', index);
  }
}

/** Everything of `task` that can be saved, in the order a person reads it; empty before it succeeded. */
export function saveSources(task: Task | null): SaveSource[] {
  if (!task || task.status !== 'SUCCESS') return [];
  const out: SaveSource[] = [];
  const grid = task.imageUrl ? gridQuadrants(task.buttons) : null;
  if (task.imageUrl) {
    out.push({ part: { kind: 'image' }, id: 'image', label: grid ? l10n.t('Whole grid') : l10n.t('Image'), kind: 'image', url: task.imageUrl, cut: false });
  }
  if (grid && task.imageUrl) {
    const perQuadrant = task.imageUrls.length === 4 ? task.imageUrls : null;
    for (const index of [1, 2, 3, 4] as const) {
      const own = perQuadrant?.[index - 1];
      out.push({ part: { kind: 'quadrant', index }, id: `q${index}`, label: cornerLabel(index), kind: 'image', url: own ?? task.imageUrl, cut: !own });
    }
  } else {
    task.imageUrls.forEach((url, i) => {
      if (url !== task.imageUrl) out.push({ part: { kind: 'gallery', index: i }, id: `image${i + 1}`, label: l10n.t('Image {0}', i + 1), kind: 'image', url, cut: false });
    });
  }
  task.videoUrls.forEach((url, i) => out.push({ part: { kind: 'video', index: i }, id: `video${i + 1}`, label: l10n.t('Video {0}', i + 1), kind: 'video', url, cut: false }));
  return out;
}

/** How a sidecar names the part: "image", "quadrant 2", "image 3", "video 1" (not localized: a file format). */
export function partName(part: SavePart): string {
  switch (part.kind) {
    case 'image':
      return 'image';
    case 'quadrant':
      return `quadrant ${part.index}`;
    case 'gallery':
      return `image ${part.index + 1}`;
    case 'video':
      return `video ${part.index + 1}`;
  }
}
