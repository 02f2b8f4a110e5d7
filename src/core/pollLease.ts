import { randomBytes } from 'crypto';
import { Disposable, Emitter, Event } from './events';
import {
  claimHeld, encodeLease, encodeRequest, followerStep, holderStep, LEASE_FILE,
  LEASE_REQUEST_FILE, LeaseReading, LeaseRecord, LeaseRequest, LeaseTimings, parseLease,
  parseRequest, releaseRecord, sanitizeTimings, WindowView, wroteTooLate,
} from './leaseRules';
import { SchedulerClock, systemClock } from './scheduler';
import { SmallFiles } from './smallFiles';

// Which of the windows of one VS Code profile polls for all of them: the one that holds the lease
// in the shared folder. One chained timer: the holder renews at every tick, the others read the
// lease at every tick and claim it when it is free, or ask for it while their window is focused.
// The decisions are leaseRules.ts; this class reads and writes the files and keeps the timer.

export interface PollLeaseOptions {
  /** The shared folder. Without one there is nobody to share with: this window polls. */
  files: SmallFiles | undefined;
  /** Default: the process ID and a random part (two windows never share one). */
  owner?: string;
  /** Read once at construction; afterwards onFocusChanged keeps the lease informed. Default: focused. */
  isFocused?(): boolean;
  clock?: SchedulerClock;
  timings?: Partial<LeaseTimings>;
  log?(msg: string): void;
}

type State = 'idle' | 'follower' | 'claiming' | 'holder' | 'disposed';

export class PollLease implements Disposable {
  readonly owner: string;
  private readonly files: SmallFiles | undefined;
  private readonly clock: SchedulerClock;
  private readonly timings: LeaseTimings;
  private readonly log: (msg: string) => void;
  private readonly changeEmitter: Emitter<boolean>;
  /** Fires with the new value of isHolder whenever it changes (not on dispose). */
  readonly onDidChange: Event<boolean>;

  private state: State = 'idle';
  /** The term this window holds, claims, or last held. */
  private term = 0;
  private highestTerm = 0;
  private unreadableSince: number | null = null;
  private focused: boolean;
  private timer: unknown = undefined;
  /** The files could not be read / written last time: say so once, not at every tick. */
  private readFailing = false;
  private writeFailing = false;

  constructor(options: PollLeaseOptions) {
    this.files = options.files;
    this.owner = options.owner ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.clock = options.clock ?? systemClock;
    this.timings = sanitizeTimings(options.timings ?? {});
    this.log = (msg) => {
      try {
        options.log?.(`Poll lease: ${msg}`);
      } catch {
        // The log may be closed before the lease on shutdown; the release must still be written.
      }
    };
    this.changeEmitter = new Emitter((err) => this.log(`a listener failed: ${String(err)}`));
    this.onDidChange = this.changeEmitter.event;
    this.focused = options.isFocused?.() ?? true;
  }

  /** This window polls (and announces) for every window now. */
  get isHolder(): boolean {
    return this.state === 'holder';
  }

  /** Reads the lease at once and keeps at it. */
  start(): void {
    if (this.state !== 'idle') {
      return;
    }
    if (!this.files) {
      this.become('holder');
      return;
    }
    this.state = 'follower';
    this.tick();
  }

  onFocusChanged(focused: boolean): void {
    if (focused === this.focused) {
      return;
    }
    this.focused = focused;
    // Ask now rather than at the next tick: the holder hands over at its next renewal.
    if (focused && this.state === 'follower') {
      this.clearTimer();
      this.tick();
    }
  }

  /**
   * Stops the timer. A lease in this window's name (held, claimed, or handed to it and not taken
   * up yet) goes to a focused asker or is freed, so another window takes over at its next tick.
   */
  dispose(): void {
    if (this.state === 'disposed') {
      return;
    }
    const was = this.state;
    this.state = 'disposed';
    this.clearTimer();
    if (was !== 'idle' && this.files) {
      const lease = this.readLease();
      if (lease?.owner === this.owner) {
        const record = releaseRecord(this.view(), Math.max(this.term, lease.term), this.readRequest(), this.timings);
        if (this.write(LEASE_FILE, encodeLease(record), record.renewedAt) !== 'failed') {
          this.log(record.owner ? `handed to the window that asked (${record.owner}) on closing.` : 'released on closing.');
        }
      }
    }
    this.changeEmitter.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private view(): WindowView {
    return { me: this.owner, focused: this.focused, now: this.clock.now() };
  }

  private tick(): void {
    this.timer = undefined;
    if (this.state === 'holder') {
      this.holderTick();
    } else if (this.state === 'follower') {
      if (this.followerTick() === 'claiming') {
        return;
      }
    } else {
      return;
    }
    this.arm(this.timings.renewMs, () => this.tick());
  }

  private holderTick(): void {
    const w = this.view();
    const step = holderStep(w, this.term, this.readLease(), this.readRequest(), this.timings);
    switch (step.kind) {
      case 'stepDown':
        this.log('another window holds the lease now; this one follows.');
        this.become('follower');
        return;
      case 'grant':
        // If the grant cannot be written this window keeps polling; the asker asks again.
        if (this.write(LEASE_FILE, encodeLease({ owner: step.to, term: step.term, renewedAt: w.now }), w.now) !== 'failed') {
          this.term = step.term;
          this.log(`handed to the focused window (${step.to}); this one follows.`);
          this.become('follower');
        }
        return;
      case 'renew': {
        this.term = step.term;
        // A failed renewal keeps this window polling; after the grace another may take over too,
        // which is polling twice, as before the lease, rather than nobody polling.
        if (this.write(LEASE_FILE, encodeLease(this.record(w.now)), w.now) === 'late') {
          this.log('this window froze while renewing the lease; it reads the lease afresh.');
          this.become('follower');
        }
        return;
      }
    }
  }

  private followerTick(): 'claiming' | 'ticking' {
    const w = this.view();
    const step = followerStep(w, this.readLeaseFile(w.now), this.timings);
    switch (step.kind) {
      case 'adopt':
        this.term = step.term;
        if (this.write(LEASE_FILE, encodeLease(this.record(w.now)), w.now) !== 'late') {
          this.log(`handed to this window (term ${this.term}); it polls for every window now.`);
          this.become('holder');
        }
        return 'ticking';
      case 'claim': {
        this.term = step.term;
        const wrote = this.write(LEASE_FILE, encodeLease(this.record(w.now)), w.now);
        if (wrote === 'failed') {
          this.log('the lease cannot be written: this window polls on its own.');
          this.become('holder');
          return 'ticking';
        }
        if (wrote === 'late') {
          return 'ticking';
        }
        // Another window may have read the same free lease and be writing its claim now: the
        // claim holds only if it is still in the file once both writes have landed.
        this.state = 'claiming';
        this.arm(this.timings.settleMs, () => this.confirm());
        return 'claiming';
      }
      case 'request':
        this.write(LEASE_REQUEST_FILE, encodeRequest({ owner: this.owner, at: w.now }), w.now);
        return 'ticking';
      case 'wait':
        return 'ticking';
    }
  }

  private confirm(): void {
    this.timer = undefined;
    if (this.state !== 'claiming') {
      return;
    }
    this.state = 'follower';
    if (claimHeld(this.owner, this.term, this.readLease())) {
      this.log(`taken (term ${this.term}); this window polls for every window now.`);
      this.become('holder');
    }
    this.arm(this.timings.renewMs, () => this.tick());
  }

  private record(now: number): LeaseRecord {
    return { owner: this.owner, term: this.term, renewedAt: now };
  }

  private become(next: 'holder' | 'follower'): void {
    const was = this.state === 'holder';
    this.state = next;
    if (was !== (next === 'holder')) {
      this.changeEmitter.fire(next === 'holder');
    }
  }

  private arm(ms: number, fn: () => void): void {
    if (this.state === 'disposed') {
      return; // a listener disposed the lease
    }
    this.clearTimer();
    this.timer = this.clock.setTimeout(fn, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private readLease(): LeaseRecord | null {
    return this.readLeaseFile(this.clock.now()).lease;
  }

  private readLeaseFile(now: number): LeaseReading {
    const text = this.read(LEASE_FILE);
    const lease = parseLease(text);
    if (lease) {
      this.highestTerm = Math.max(this.highestTerm, lease.term);
    }
    if (text === undefined || lease) {
      this.unreadableSince = null;
    } else if (this.unreadableSince === null) {
      this.log(`${LEASE_FILE} is damaged: a live holder writes over it, or it is claimed once the grace period has passed.`);
      this.unreadableSince = now;
    }
    return { lease, unreadableSince: this.unreadableSince, highestTerm: this.highestTerm };
  }

  private readRequest(): LeaseRequest | null {
    return parseRequest(this.read(LEASE_REQUEST_FILE));
  }

  /** An unreadable file counts as none: a lease nobody can read is free. */
  private read(name: string): string | undefined {
    try {
      const text = this.files?.read(name);
      this.readFailing = false;
      return text;
    } catch (err) {
      if (!this.readFailing) {
        this.log(`cannot read ${name}: ${String(err)}`);
      }
      this.readFailing = true;
      return undefined;
    }
  }

  /** 'late': written, but the window froze in the write for so long that it may have undone a take-over. */
  private write(name: string, text: string, composedAt: number): 'ok' | 'failed' | 'late' {
    try {
      this.files?.write(name, text);
      this.writeFailing = false;
    } catch (err) {
      if (!this.writeFailing) {
        this.log(`cannot write ${name}: ${String(err)}`);
      }
      this.writeFailing = true;
      return 'failed';
    }
    return wroteTooLate(composedAt, this.clock.now(), this.timings) ? 'late' : 'ok';
  }
}
