import { authHint } from './auth';
import { startSimulator } from './simulator';
import { DIALECTS, type Dialect, type SimulatorOptions } from './types';

// `npm run simulator` (node dist/simulator.js): the simulator as a command, for the demo and by hand.

const USAGE = `Usage: node dist/simulator.js [options]
  --port N            port to listen on (default 8787; 0 = any free port)
  --host HOST         address to bind (default 127.0.0.1)
  --dialect D         novicezk | trueai | newapi (default newapi)
  --speed N           time factor: 1 = a task takes ~15 s, 10 = ten times faster (default 1)
  --key KEY           API key to require (default mj-sim-key)
  --no-auth           accept requests without a key
  --no-demo           start without the demo tasks
  --quiet             do not log requests
  -h, --help          this text

Prompt triggers: "--banned" → submit refused (code 24); "fail" → the task ends in FAILURE
("nsfw" too → [Banned prompt detected]); "--bigid" → a 19-digit task ID.`;

function parseArgs(argv: string[]): { opts: SimulatorOptions; quiet: boolean } {
  const opts: SimulatorOptions = { seedDemo: true };
  let quiet = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port: not a port: ${argv[i]}`);
        opts.port = n;
        break;
      }
      case '--host':
        opts.host = value(i++, a);
        break;
      case '--dialect': {
        const d = value(i++, a);
        if (!(DIALECTS as readonly string[]).includes(d)) throw new Error(`--dialect must be one of ${DIALECTS.join(', ')}`);
        opts.dialect = d as Dialect;
        break;
      }
      case '--speed': {
        const n = Number(value(i++, a));
        if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--speed must be a positive number`);
        opts.speed = n;
        break;
      }
      case '--key':
        opts.apiKey = value(i++, a);
        break;
      case '--no-auth':
        opts.apiKey = null;
        break;
      case '--no-demo':
        opts.seedDemo = false;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return { opts, quiet };
}

function time(): string {
  return new Date().toISOString().slice(11, 23);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`simulator: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const { opts, quiet } = parsed;
  const sim = await startSimulator({ ...opts, log: quiet ? undefined : (line) => console.log(`${time()} ${line}`) });
  const lines = [
    `MJ Tasks simulator (${sim.dialect} dialect, speed ×${opts.speed ?? 1}) listening on ${sim.url}`,
    `  base URL: ${sim.url}   (also under /mj-fast, /mj-relax${sim.dialect === 'newapi' ? ', /fast, any /<mode>' : ''} and /api)`,
    `  auth:     ${authHint(sim.dialect, sim.apiKey)}`,
  ];
  if (sim.apiKey !== null) lines.push(`  key:      ${sim.apiKey}`);
  const demo = sim.demoTasks();
  if (demo.length) {
    lines.push('  demo tasks:');
    for (const d of demo) lines.push(`    ${d.id.padEnd(19)}  ${d.status.padEnd(11)}  ${d.role}`);
  }
  lines.push(`  e.g. curl ${sim.url}/mj/task/${demo[0]?.id ?? '<id>'}/fetch${curlAuth(sim.dialect, sim.apiKey)}`);
  lines.push('Ctrl-C to stop.');
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${time()} ${signal}: closing`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function curlAuth(dialect: Dialect, key: string | null): string {
  if (key === null) return '';
  if (dialect === 'novicezk') return ` -H 'mj-api-secret: ${key}'`;
  if (dialect === 'trueai') return ` -H 'Authorization: ${key}'`;
  return ` -H 'Authorization: Bearer ${key}'`;
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  console.error(`simulator: ${err.code === 'EADDRINUSE' ? `port already in use (${err.message})` : err.message}`);
  process.exit(1);
});
