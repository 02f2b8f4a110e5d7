// Windows sharing one lease folder (a real temporary folder) on one fake clock. Each window's
// timers go through a clock of its own that can stall, as an extension host does when it freezes:
// its timers fire only when it wakes.

import * as FakeTimers from '@sinonjs/fake-timers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LeaseTimings } from '../../src/core/leaseRules';
import { PollLease } from '../../src/core/pollLease';
import { SchedulerClock } from '../../src/core/scheduler';
import { folderFiles, SmallFiles } from '../../src/core/smallFiles';

export const TIMINGS: LeaseTimings = { renewMs: 2_000, graceMs: 10_000, settleMs: 300 };

export interface TestWindow {
  readonly name: string;
  readonly lease: PollLease;
  /** Every value isHolder took, in order. */
  readonly changes: boolean[];
  readonly logs: string[];
  setFocused(focused: boolean): void;
  /** Its timers stop firing until wake(). */
  stall(): void;
  /** Runs the timers that came due while it stalled. */
  wake(): void;
  readonly stalled: boolean;
}

export interface LeaseRig {
  readonly dir: string;
  readonly clock: FakeTimers.Clock;
  /** The shared folder's files, as every window sees them. */
  readonly files: SmallFiles;
  window(name: string, options?: { focused?: boolean; files?: SmallFiles; start?: boolean }): TestWindow;
  /** The windows that hold the lease and are awake (a stalled one polls no more than it renews). */
  holders(): string[];
  /** Advances the clock in small steps and returns the most holders seen at any one moment. */
  run(ms: number, stepMs?: number): number;
  dispose(): void;
}

export function leaseRig(): LeaseRig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-lease-'));
  const clock = FakeTimers.createClock(1_700_000_000_000);
  const files = folderFiles(dir);
  const windows: TestWindow[] = [];

  const rig: LeaseRig = {
    dir,
    clock,
    files,
    window(name, options = {}) {
      let focused = options.focused ?? false;
      let stalled = false;
      const due: Array<() => void> = [];
      const own: SchedulerClock = {
        now: () => clock.now,
        setTimeout: (fn, ms) => clock.setTimeout(() => (stalled ? due.push(fn) : fn()), ms),
        clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId),
      };
      const logs: string[] = [];
      const lease = new PollLease({
        files: 'files' in options ? options.files : files,
        owner: name,
        isFocused: () => focused,
        clock: own,
        timings: TIMINGS,
        log: (m) => logs.push(m),
      });
      const changes: boolean[] = [];
      lease.onDidChange((h) => changes.push(h));
      const w: TestWindow = {
        name,
        lease,
        changes,
        logs,
        setFocused(f) {
          focused = f;
          lease.onFocusChanged(f);
        },
        stall() {
          stalled = true;
        },
        wake() {
          stalled = false;
          for (const fn of due.splice(0)) fn();
        },
        get stalled() {
          return stalled;
        },
      };
      windows.push(w);
      if (options.start !== false) lease.start();
      return w;
    },
    holders() {
      return windows.filter((w) => w.lease.isHolder && !w.stalled).map((w) => w.name);
    },
    run(ms, stepMs = 50) {
      let most = rig.holders().length;
      for (let t = 0; t < ms; t += stepMs) {
        clock.tick(Math.min(stepMs, ms - t));
        most = Math.max(most, rig.holders().length);
      }
      return most;
    },
    dispose() {
      for (const w of windows.splice(0)) w.lease.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** The lease file as JSON (undefined when there is none). */
export function leaseFile(rig: LeaseRig): { owner: string | null; term: number; renewedAt: number } | undefined {
  const text = rig.files.read('poll-lease.json');
  return text === undefined ? undefined : JSON.parse(text);
}
