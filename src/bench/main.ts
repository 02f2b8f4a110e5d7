import * as os from 'os';
import * as path from 'path';
import { MjClient } from '../core/client';
import { startSimulator } from '../simulator';
import { measureBundleBytes } from './bundleSize';
import { measureDetectionLatency } from './detectionLatency';
import { hugeTaskReport, measureHugeTask } from './hugeTask';
import { measureIdScan } from './idScan';
import { measureIdleRequests } from './idleRequests';
import { measureParseInput } from './parseInput';
import { CycleFigures, measureRequestsPerCycle } from './requestsPerCycle';
import { round } from './stats';
import { measureTaskStorage } from './taskStorage';
import { measureTreeBuild } from './treeBuild';

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
    say('measuring the tree with 10 000 tasks…');
    const tree = await measureTreeBuild();
    say('measuring the task files with 10 000 tasks…');
    const storage = await measureTaskStorage();
    say('measuring a paste of 100 000 IDs…');
    const paste = await measureParseInput();
    say('measuring the ID scan of a 10 000-line file…');
    const idScan = await measureIdScan();
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
      treeBuild10kMs: round(tree.treeBuild10kMs, 2),
      treeBuild10kGroupedMs: round(tree.treeBuild10kGroupedMs, 2),
      treeFilter10kMs: round(tree.treeFilter10kMs, 2),
      persistOneOf10kMs: round(storage.persistOneOf10kMs, 2),
      load10kMs: round(storage.load10kMs, 1),
      compact10kMs: round(storage.compact10kMs, 1),
      migrate10kMs: round(storage.migrate10kMs, 1),
      globalStateBytes10k: storage.globalStateBytes10k,
      snapshotBytes10k: storage.snapshotBytes10k,
      heap10kMB: round(storage.heap10kMB, 1),
      parse100kMs: round(paste.parse100kMs, 1),
      idScan10kLinesMs: round(idScan.idScan10kLinesMs, 1),
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
      ['one changed task saved, 10 000 tracked (median) / the write that compacts', `${result.persistOneOf10kMs} / ${result.compact10kMs} ms`],
      ['cold load of 10 000 tracked tasks / moving them out of globalState once', `${result.load10kMs} / ${result.migrate10kMs} ms (snapshot ${Math.round(result.snapshotBytes10k / 1024)} KiB)`],
      ['kept in globalState with 10 000 tracked / heap they take', `${result.globalStateBytes10k} bytes / ${result.heap10kMB} MiB`],
      ['parsing a paste of 100 000 IDs', `${result.parse100kMs} ms`],
      ['ID scan of a 10 000-line file (limit 20 ms)', `${result.idScan10kLinesMs} ms (${idScan.ids} IDs)`],
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
