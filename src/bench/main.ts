import * as os from 'os';
import * as path from 'path';
import { MjClient } from '../core/client';
import { startSimulator } from '../simulator';
import { measureBundleBytes } from './bundleSize';
import { measureDetectionLatency } from './detectionLatency';
import { hugeTaskReport, measureHugeTask } from './hugeTask';
import { measureIdleRequests } from './idleRequests';
import { CycleFigures, measureRequestsPerCycle } from './requestsPerCycle';
import { round } from './stats';
import { measureStoreAndTree } from './storeAndTree';

// `npm run bench`: every figure measured in one run against the simulator on loopback.
// `--json` prints one JSON object instead of the table.

const KEY = 'bench-key';
const IDLE_WINDOW_MS = 30_000;
const SIZES = [1, 10, 100, 1000];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const say = (line: string) => {
    if (!json) {
      process.stderr.write(line + '\n');
    }
  };
  const root = path.resolve(__dirname, '..');
  const started = Date.now();

  const sims = await Promise.all([0, 1, 2].map(() => startSimulator({ port: 0, dialect: 'newapi', apiKey: KEY, speed: 1 })));
  const [cycleSim, idleSim, latencySim] = sims;
  const client = (url: string) => new MjClient({ baseUrl: url, auth: 'bearer', apiKey: KEY });
  try {
    say('measuring idle requests (30 s) and detection latency alongside…');
    const idle = measureIdleRequests(idleSim, client(idleSim.url), IDLE_WINDOW_MS);
    const latency = measureDetectionLatency(latencySim, client(latencySim.url), 9);

    const cycles: CycleFigures[] = [];
    for (const n of SIZES) {
      say(`measuring one poll cycle for ${n} active tasks…`);
      cycles.push(await measureRequestsPerCycle(cycleSim, client(cycleSim.url), n));
    }
    say('measuring the tree and the store with 10 000 tasks…');
    const storeTree = await measureStoreAndTree();
    say('measuring the production bundle…');
    const bundle = await measureBundleBytes(root);
    const idleRequests = await idle;
    const detection = await latency;
    const huge = hugeTaskReport(await measureHugeTask(cycleSim, client(cycleSim.url)));

    const result = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: round(os.totalmem() / 2 ** 30, 0), node: process.version, platform: `${os.platform()} ${os.arch()}` },
      requestsPerCycle: Object.fromEntries(cycles.map((c) => [c.tasks, c.requestsPerCycle])),
      naiveRequestsPerCycle: Object.fromEntries(cycles.map((c) => [c.tasks, c.naiveRequestsPerCycle])),
      idleRequests,
      idleWindowMs: IDLE_WINDOW_MS,
      ...huge.figures,
      detectionLatencyMs: round(detection.medianMs, 0),
      detectionLatencySamplesMs: detection.samples.map((s) => round(s, 0)),
      treeBuild10kMs: round(storeTree.treeBuild10kMs, 2),
      treeBuild10kGroupedMs: round(storeTree.treeBuild10kGroupedMs, 2),
      treeFilter10kMs: round(storeTree.treeFilter10kMs, 2),
      persist10kMs: round(storeTree.persist10kMs, 1),
      load10kMs: round(storeTree.load10kMs, 1),
      persistedBytes10k: storeTree.persistedBytes10k,
      bundleBytes: bundle.extension,
      webviewBundleBytes: bundle.webview,
      benchSeconds: round((Date.now() - started) / 1000, 1),
    };

    if (json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return;
    }
    const rows: [string, string][] = [
      ...cycles.map((c): [string, string] => [`requests per poll cycle, ${c.tasks} active tasks`, `${c.requestsPerCycle} (per-task polling: ${c.naiveRequestsPerCycle})`]),
      [`requests while every task is terminal, over ${IDLE_WINDOW_MS / 1000} s`, String(idleRequests)],
      ['task finished on server → store knows (median)', `${result.detectionLatencyMs} ms (${detection.samples.length} tasks)`],
      huge.row,
      ['tree children for 10 000 tasks (flat / by status / filtered)', `${result.treeBuild10kMs} / ${result.treeBuild10kGroupedMs} / ${result.treeFilter10kMs} ms`],
      ['persist 10 000 tasks (cold write) / load them', `${result.persist10kMs} / ${result.load10kMs} ms (${Math.round(result.persistedBytes10k / 1024)} KiB)`],
      ['extension bundle (minified) / webview script', `${result.bundleBytes} / ${result.webviewBundleBytes} bytes`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`MJ Tasks benchmark — ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memGiB} GiB, Node ${result.machine.node}`);
    for (const [k, v] of rows) {
      console.log(`${k.padEnd(width)}  ${v}`);
    }
    console.log(`(${result.benchSeconds} s)`);
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
