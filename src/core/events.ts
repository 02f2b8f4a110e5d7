// A tiny typed event emitter and Disposable for the core, which must not import `vscode`.
// The shapes match `vscode.Event` / `vscode.Disposable`, so the extension can push these
// disposables into `context.subscriptions` and subscribe to core events like to its own.

export interface Disposable {
  dispose(): void;
}

/** Subscribe with a listener; dispose the result to unsubscribe. Same call shape as `vscode.Event`. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

/** Collects disposables and disposes them together, newest first (like a stack unwinding). */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(d: T): T {
    if (this.disposed) {
      // Registering into a dead store would leak; dispose at once instead.
      d.dispose();
    } else {
      this.items.push(d);
    }
    return d;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const d of items) {
      d.dispose();
    }
  }
}

export class Emitter<T> implements Disposable {
  private listeners: Array<(e: T) => unknown> = [];
  private disposed = false;

  /**
   * @param onListenerError where a throwing listener's error goes; one bad listener must not stop
   * the others (a tree refresh failing must not keep a notification from showing).
   */
  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error(err)) {}

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    if (this.disposed) {
      return toDisposable(() => undefined);
    }
    const bound = thisArgs === undefined ? listener : (e: T) => listener.call(thisArgs, e);
    this.listeners.push(bound);
    const sub = toDisposable(() => {
      const i = this.listeners.indexOf(bound);
      if (i >= 0) {
        this.listeners.splice(i, 1);
      }
    });
    disposables?.push(sub);
    return sub;
  };

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  fire(e: T): void {
    // Copy: a listener may unsubscribe itself (or others) while we iterate.
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
