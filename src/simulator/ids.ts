// IDs shaped like the real ones, from a seeded generator so two runs with the same clock produce
// the same IDs and hashes (the "random" parts come from here, never from Math.random).

const DISCORD_EPOCH = 1420070400000n;

/** mulberry32: small, fast, good enough for IDs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class IdSource {
  private readonly random: () => number;
  private lastTaskId = 0;
  private lastBigId = 0n;
  private snowflakeSeq = 0n;

  constructor(seed = 0x6d6a7369) {
    this.random = prng(seed);
  }

  /**
   * novicezk's format: epoch ms followed by 3 random digits — 16 digits today, below 2^53, so
   * a JSON number keeps it exact. Never repeats within one simulator.
   */
  taskId(nowMs: number): string {
    let n = nowMs * 1000 + Math.floor(this.random() * 1000);
    if (n <= this.lastTaskId) n = this.lastTaskId + 1;
    this.lastTaskId = n;
    return String(n);
  }

  /** A 19-digit ID (a Discord snowflake's size): as a JSON number it loses digits in a double. */
  bigTaskId(nowMs: number): string {
    let n = this.snowflake(nowMs);
    if (n <= this.lastBigId) n = this.lastBigId + 1n;
    this.lastBigId = n;
    return n.toString();
  }

  /** Discord-style snowflake (messageId, nonce): ms since 2015 shifted left 22, plus a counter. */
  snowflakeId(nowMs: number): string {
    return this.snowflake(nowMs).toString();
  }

  /** The Midjourney job UUID that customIds and properties.messageHash carry. */
  hash(): string {
    const hex: string[] = [];
    for (let i = 0; i < 32; i++) hex.push(Math.floor(this.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A seed as /image-seed returns it: up to 10 digits. */
  seed(): string {
    return String(Math.floor(this.random() * 4294967295));
  }

  /** An integer in [0, n). */
  pick(n: number): number {
    return Math.floor(this.random() * n);
  }

  private snowflake(nowMs: number): bigint {
    this.snowflakeSeq = (this.snowflakeSeq + 1n) & 0xfffn;
    const ms = BigInt(Math.max(nowMs, Number(DISCORD_EPOCH) + 1));
    // Worker/process bits: fixed, like one bot; the counter keeps IDs unique within a ms.
    return ((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.snowflakeSeq;
  }
}
