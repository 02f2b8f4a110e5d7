import { encodePng } from './png';

// The pictures tasks point at, drawn procedurally so previews work offline. A grid is 2×2
// quadrants, each with its own colours and shape (circle, diamond, triangle, rings), so a
// viewer can tell U1 from U4 at a glance; the upscale of quadrant N is quadrant N alone, full
// size. Progress images are the grid blurred into blocks, coarse then finer, the way Midjourney
// previews sharpen. Encoded on first request and cached for the whole process.

export const IMAGE_SIZE = 512;
export const PALETTE_COUNT = 3;

type Rgb = readonly [number, number, number];

/** Per palette, per quadrant: background top, background bottom, shape colour. */
const PALETTES: readonly (readonly (readonly [Rgb, Rgb, Rgb])[])[] = [
  [
    [[250, 214, 165], [236, 130, 84], [120, 40, 90]],
    [[170, 220, 250], [60, 110, 190], [250, 240, 120]],
    [[190, 235, 190], [60, 140, 90], [240, 90, 60]],
    [[225, 200, 250], [110, 70, 170], [255, 255, 255]],
  ],
  [
    [[40, 40, 70], [10, 10, 30], [255, 210, 90]],
    [[255, 235, 240], [240, 160, 190], [60, 60, 140]],
    [[210, 240, 240], [40, 160, 170], [250, 120, 40]],
    [[245, 245, 220], [190, 170, 120], [40, 100, 60]],
  ],
  [
    [[255, 250, 230], [250, 200, 80], [200, 30, 40]],
    [[220, 220, 230], [90, 90, 110], [80, 220, 240]],
    [[230, 255, 210], [150, 200, 60], [90, 40, 140]],
    [[255, 220, 210], [220, 90, 80], [30, 70, 130]],
  ],
];

/** Is (u, v) in [0,1)² inside quadrant q's shape? */
function inShape(q: number, u: number, v: number): boolean {
  const du = u - 0.5;
  const dv = v - 0.5;
  switch (q) {
    case 1:
      return du * du + dv * dv < 0.3 * 0.3;
    case 2:
      return Math.abs(du) + Math.abs(dv) < 0.34;
    case 3:
      return v > 0.2 && v < 0.8 && Math.abs(du) < (v - 0.2) * 0.55;
    default: {
      const r = Math.sqrt(du * du + dv * dv);
      return r < 0.375 && Math.floor(r * 16) % 2 === 0;
    }
  }
}

function paint(rgb: Uint8Array, size: number, x0: number, y0: number, w: number, palette: number, q: number): void {
  const [top, bottom, shape] = PALETTES[palette][q - 1];
  for (let y = 0; y < w; y++) {
    const v = y / w;
    const bg: Rgb = [
      Math.round(top[0] + (bottom[0] - top[0]) * v),
      Math.round(top[1] + (bottom[1] - top[1]) * v),
      Math.round(top[2] + (bottom[2] - top[2]) * v),
    ];
    for (let x = 0; x < w; x++) {
      const c = inShape(q, x / w, v) ? shape : bg;
      const i = ((y0 + y) * size + x0 + x) * 3;
      rgb[i] = c[0];
      rgb[i + 1] = c[1];
      rgb[i + 2] = c[2];
    }
  }
}

function gridPixels(palette: number): Uint8Array {
  const size = IMAGE_SIZE;
  const half = size / 2;
  const rgb = new Uint8Array(size * size * 3);
  paint(rgb, size, 0, 0, half, palette, 1);
  paint(rgb, size, half, 0, half, palette, 2);
  paint(rgb, size, 0, half, half, palette, 3);
  paint(rgb, size, half, half, half, palette, 4);
  return rgb;
}

function singlePixels(palette: number, q: number): Uint8Array {
  const rgb = new Uint8Array(IMAGE_SIZE * IMAGE_SIZE * 3);
  paint(rgb, IMAGE_SIZE, 0, 0, IMAGE_SIZE, palette, q);
  return rgb;
}

/** Block-averages the image and washes it towards grey: the unfinished look. */
function blurred(src: Uint8Array, block: number, wash: number): Uint8Array {
  const size = IMAGE_SIZE;
  const out = new Uint8Array(src.length);
  for (let by = 0; by < size; by += block) {
    for (let bx = 0; bx < size; bx += block) {
      const sum = [0, 0, 0];
      for (let y = by; y < by + block; y++) {
        for (let x = bx; x < bx + block; x++) {
          const i = (y * size + x) * 3;
          sum[0] += src[i];
          sum[1] += src[i + 1];
          sum[2] += src[i + 2];
        }
      }
      const n = block * block;
      const c = sum.map((s) => Math.round((s / n) * (1 - wash) + 128 * wash));
      for (let y = by; y < by + block; y++) {
        for (let x = bx; x < bx + block; x++) {
          const i = (y * size + x) * 3;
          out[i] = c[0];
          out[i + 1] = c[1];
          out[i + 2] = c[2];
        }
      }
    }
  }
  return out;
}

export function gridImageName(palette: number): string {
  return `grid-${palette}`;
}

export function singleImageName(palette: number, quadrant: number): string {
  return `single-${palette}-${quadrant}`;
}

/** stage 1: early and coarse; stage 2: later and finer. */
export function progressImageName(palette: number, stage: 1 | 2): string {
  return `progress-${palette}-${stage}`;
}

export function allImageNames(): string[] {
  const names: string[] = [];
  for (let p = 0; p < PALETTE_COUNT; p++) {
    names.push(gridImageName(p), progressImageName(p, 1), progressImageName(p, 2));
    for (let q = 1; q <= 4; q++) names.push(singleImageName(p, q));
  }
  return names;
}

const cache = new Map<string, Buffer>();

function draw(name: string): Buffer | undefined {
  const m = /^(grid|single|progress)-(\d)(?:-(\d))?$/.exec(name);
  if (!m) return undefined;
  const palette = Number(m[2]);
  const extra = m[3] === undefined ? undefined : Number(m[3]);
  if (palette >= PALETTE_COUNT) return undefined;
  if (m[1] === 'grid' && extra === undefined) return encodePng(IMAGE_SIZE, IMAGE_SIZE, gridPixels(palette));
  if (m[1] === 'single' && extra !== undefined && extra >= 1 && extra <= 4) {
    return encodePng(IMAGE_SIZE, IMAGE_SIZE, singlePixels(palette, extra));
  }
  if (m[1] === 'progress' && (extra === 1 || extra === 2)) {
    const px = extra === 1 ? blurred(gridPixels(palette), 64, 0.45) : blurred(gridPixels(palette), 16, 0.2);
    return encodePng(IMAGE_SIZE, IMAGE_SIZE, px);
  }
  return undefined;
}

/** The PNG bytes for an image name ('grid-0', 'single-1-2', 'progress-2-1'), or undefined. */
export function pngFor(name: string): Buffer | undefined {
  let png = cache.get(name);
  if (!png) {
    png = draw(name);
    if (png) cache.set(name, png);
  }
  return png;
}
