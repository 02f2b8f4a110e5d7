import * as fs from 'fs';
import * as path from 'path';

// WebP decoding with libwebp compiled to WebAssembly, as the @cwasm/webp package ships it (its
// own loader reads the .wasm beside its source, which a bundle does not have): the .wasm is
// copied next to the bundle by the build (dist/webp.wasm) and found in node_modules when the
// code runs unbundled (tests). Pure wasm: no native module, the same file on every platform.

/** The few WebAssembly globals used here (the project's lib setting has no DOM or WebAssembly types). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, () => never>>) => { exports: unknown };
};

interface WebpExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  WebPDecodeRGBA(input: number, size: number, width: number, height: number): number;
}

let instance: WebpExports | undefined;

/** dist/webp.wasm beside the bundle; unbundled (tests), the package's own in the nearest node_modules. */
function wasmFile(): string {
  const beside = path.join(__dirname, 'webp.wasm');
  if (fs.existsSync(beside)) return beside;
  for (let dir = __dirname, up = 0; up < 6; dir = path.dirname(dir), up++) {
    const candidate = path.join(dir, 'node_modules', '@cwasm', 'webp', 'webp.wasm');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('the WebP decoder (webp.wasm) is missing from this installation');
}

function load(): WebpExports {
  if (!instance) {
    const refuse = (): never => {
      throw new Error('WebP decoder: no system calls');
    };
    const module = new WebAssembly.Module(fs.readFileSync(wasmFile()));
    instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: { fd_close: refuse, fd_seek: refuse, fd_write: refuse } })
      .exports as unknown as WebpExports;
  }
  return instance;
}

/** RGBA pixels of a WebP image; throws when the bytes are not one. */
export function decodeWebp(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const w = load();
  const input = w.malloc(bytes.byteLength);
  new Uint8Array(w.memory.buffer, input, bytes.byteLength).set(bytes);
  const meta = w.malloc(8);
  const output = w.WebPDecodeRGBA(input, bytes.byteLength, meta, meta + 4);
  w.free(input);
  if (output === 0) {
    w.free(meta);
    throw new Error('not a WebP image libwebp can decode');
  }
  const [width, height] = new Uint32Array(w.memory.buffer, meta, 2);
  w.free(meta);
  // Copied out: the wasm memory is reused (and may grow, detaching views) by the next decode.
  const data = new Uint8Array(new Uint8Array(w.memory.buffer, output, width * height * 4));
  w.free(output);
  return { width, height, data };
}
