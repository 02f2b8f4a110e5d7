import { StoreStorage } from '../core/storeWriter';

/**
 * Stands in for VS Code's globalState: it keeps a JSON string, as the real one serialises every
 * value to its database, so persisting pays for the serialisation it would pay in VS Code.
 */
export class JsonMemoryStorage implements StoreStorage {
  private readonly values = new Map<string, string>();
  bytesWritten = 0;

  get(key: string): unknown {
    const v = this.values.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }

  async update(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    this.bytesWritten += json.length;
    this.values.set(key, json);
  }
}
