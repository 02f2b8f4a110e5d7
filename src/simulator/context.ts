import type { IdSource } from './ids';
import type { SimTaskStore } from './simTaskStore';
import type { Dialect } from './types';

/** What every handler and renderer needs: the dialect, the clock, the tasks, where we listen. */
export interface SimContext {
  readonly dialect: Dialect;
  readonly apiKey: string | null;
  /** Set once the server listens; image URLs in task JSON point here. */
  url: string;
  readonly now: () => number;
  readonly store: SimTaskStore;
  readonly ids: IdSource;
  readonly log: (line: string) => void;
  /** The account's remix mode: remaking buttons open a modal first (Simulator.setRemix). */
  remix: boolean;
}
