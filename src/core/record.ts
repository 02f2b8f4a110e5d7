/** A plain JSON object: not null, not an array. The one guard every reader of server or stored JSON uses. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
