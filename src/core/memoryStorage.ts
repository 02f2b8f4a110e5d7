import { StoreStorage } from './storeWriter';

/**
 * A store's storage that lives as long as the process: the CLI's watch, the benchmark and tests.
 * It keeps a JSON string, as VS Code's globalState serialises every value to its database, so a
 * write pays for the serialisation it would pay in VS Code and a read hands out a copy. Storing
 * `undefined` removes the key, as in globalState.
 */
export class JsonMemoryStorage implements StoreStorage {
  private readonly values = new Map<string, string>();
  bytesWritten = 0;

  get(key: string): unknown {
    const v = this.values.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
      return;
    }
    const json = JSON.stringify(value);
    this.bytesWritten += json.length;
    this.values.set(key, json);
  }

  /** What it holds: every key and its value as JSON. */
  bytesHeld(): number {
    let sum = 0;
    for (const [key, json] of this.values) sum += key.length + json.length;
    return sum;
  }
}
