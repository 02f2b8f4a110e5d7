// What clients learn about their servers while running, so that each lesson is paid for once.

/**
 * Server quirks learnt at run time, keyed by API root (origin + base path, see `apiRoot`). Whoever
 * owns a set of clients owns one of these and hands it to each (the extension's client pool, one
 * CLI run): clients for the same server then share what one of them found out. A new object
 * knows nothing, which is how an owner forgets when the servers may have changed.
 */
export class ServerQuirks {
  private readonly withoutListByCondition = new Set<string>();

  /** Whether the server at `root` has shown that it has no list-by-condition endpoint. */
  lacksListByCondition(root: string): boolean {
    return this.withoutListByCondition.has(root);
  }

  /** Remembers that the server at `root` has no list-by-condition: its clients fetch per ID from now on. */
  noteLacksListByCondition(root: string): void {
    this.withoutListByCondition.add(root);
  }
}
