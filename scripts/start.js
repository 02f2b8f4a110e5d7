// `npm start`: a live demo. Builds, starts the simulator with its demo tasks, and a real VS Code
// (code-server) with MJ Tasks installed (linked), configured for the simulator and already tracking
// the demo tasks, on a sample workspace. Open the printed address in a browser. Ctrl-C stops it all.
//
//   npm start -- [--port 8080] [--dialect newapi|trueai|novicezk] [--sim-port 8787] [--key mj-sim-key]
//                [--speed 1] [--host 127.0.0.1] [--no-build] [--control]
'use strict';

const { spawnSync } = require('child_process');
const { randomBytes } = require('crypto');
const fs = require('fs');
const path = require('path');
const vs = require('./vscode-server');
const { writeDemoTerminalFiles } = require('./demoTerminal');

const ROOT = vs.ROOT;
const DEMO_DIR = path.join(vs.CACHE, 'demo');
const WORKSPACE = path.join(vs.CACHE, 'demo-workspace');
const PROVIDER = 'Simulator';

/** How each dialect's server expects the key (the provider's `auth` setting). */
const AUTH_BY_DIALECT = { newapi: 'bearer', trueai: 'raw', novicezk: 'mj-api-secret' };

const USAGE = `Usage: npm start -- [options]
  --port N        VS Code (code-server) port (default 8080, or a free one if taken)
  --host HOST     address VS Code binds to (default 127.0.0.1)
  --dialect D     newapi | trueai | novicezk: which server family the simulator speaks (default newapi)
  --sim-port N    simulator port (default 8787, or a free one if taken)
  --key KEY       the simulator's API key (default mj-sim-key)
  --speed N       simulator speed: 1 = a task takes ~15 s (default 1)
  --no-build      skip npm run build / compile
  --control       for tests: the demo tasks stay where they are until moved through the
                  simulator's control routes (/_sim/…, with the token this prints)`;

function parseArgs(argv) {
  const o = { port: undefined, host: '127.0.0.1', dialect: 'newapi', simPort: undefined, key: 'mj-sim-key', speed: 1, build: true, control: false };
  const value = (i, flag) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const port = (v, flag) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${flag}: not a port: ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const next = (flag) => (inline !== undefined ? inline : value(i++, flag));
    switch (a) {
      case '--port':
        o.port = port(next(a), a);
        break;
      case '--host':
        o.host = next(a);
        break;
      case '--dialect':
        o.dialect = next(a);
        if (!AUTH_BY_DIALECT[o.dialect]) throw new Error(`--dialect must be one of ${Object.keys(AUTH_BY_DIALECT).join(', ')}`);
        break;
      case '--sim-port':
        o.simPort = port(next(a), a);
        break;
      case '--key':
        o.key = next(a);
        break;
      case '--speed':
        o.speed = Number(next(a));
        if (!(o.speed > 0)) throw new Error('--speed must be a positive number');
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--control':
        o.control = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}\n\n${USAGE}`);
    }
  }
  return o;
}

function build() {
  const t0 = Date.now();
  const run = (script) => spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status === 0;
  if (!run('build')) throw new Error('npm run build failed');
  if (!run('compile')) console.error('start: npm run compile reported type errors (output was still emitted); carrying on');
  console.error(`start: build ${vs.seconds(t0)}`);
}

/** The preferred port if free, else any free one; an explicit port must be free. */
async function choosePort(explicit, preferred, what) {
  if (explicit) {
    if (!(await vs.portIsFree(explicit))) throw new Error(`${what} port ${explicit} is in use`);
    return explicit;
  }
  return (await vs.portIsFree(preferred)) ? preferred : vs.freePort();
}

/** Two pictures for Describe and Blend, as the simulator draws them (a real PNG each). */
async function writeSamplePhotos(sim) {
  const dir = path.join(WORKSPACE, 'photos');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, image] of [['sunset.png', 'single-0-1'], ['diamond.png', 'single-1-2']]) {
    const res = await fetch(`${sim.url}/images/${image}.png`);
    if (res.ok) fs.writeFileSync(path.join(dir, name), Buffer.from(await res.arrayBuffer()));
  }
}

/** The sample workspace: what someone using MJ Tasks would have open. Rewritten each start. */
function writeWorkspace(sim, dialect, key) {
  fs.mkdirSync(WORKSPACE, { recursive: true });
  const auth = AUTH_BY_DIALECT[dialect];
  const header = { bearer: ['Authorization', 'Bearer ${KEY}'], raw: ['Authorization', '${KEY}'], 'mj-api-secret': ['mj-api-secret', '${KEY}'] }[auth];
  const files = {
    '.env': `# Written by npm start for the simulator it runs (${dialect} dialect).\nMJ_BASE_URL=${sim.url}\nMJ_API_KEY=${key}\n`,
    'README.md': [
      '# MJ Tasks demo workspace',
      '',
      `A small project that generates images through a Midjourney-proxy API — here the simulator at ${sim.url}`,
      `(${dialect} dialect, key \`${key}\`), started by \`npm start\`.`,
      '',
      '- The **MJ Tasks** view in the activity bar already tracks the demo tasks: watch them move, finish, fail.',
      '- Submit a new task: run `node generate.mjs` or `python3 generate.py` in the terminal (or **Terminal → Run Task…**),',
      '  then Ctrl+click (Cmd+click) the task ID in the submit response it prints: MJ Tasks tracks it.',
      '- Prompts containing `fail` end in FAILURE; `--banned` is refused at submit.',
      '- Or stay in VS Code: **MJ Tasks: Imagine…** from the palette; right-click an image in `photos/` →',
      '  **Describe Image**, or select two → **Blend Images…**; select a prompt in an editor → **Shorten Prompt**.',
      '- Script the next step: in a finished grid\'s preview, **Code** next to *Upscale image 2* inserts the call',
      `  into the open file (Python, JS/TS, curl, .http); run it with \`MJ_API_KEY=${key} python3 <file>\`.`,
      '- `logs/generate.log` holds task IDs: hover one to see its live status (it also shows after each ID).',
      '',
    ].join('\n'),
    'generate.py': [
      '"""Submit a prompt to a Midjourney-proxy server and print the task ID (reads .env)."""',
      'import json',
      'import os',
      'import sys',
      'import urllib.request',
      '',
      'env = dict(line.strip().split("=", 1) for line in open(os.path.join(os.path.dirname(__file__), ".env")) if "=" in line and not line.startswith("#"))',
      'BASE_URL = os.environ.get("MJ_BASE_URL", env["MJ_BASE_URL"])',
      'KEY = os.environ.get("MJ_API_KEY", env["MJ_API_KEY"])',
      'prompt = " ".join(sys.argv[1:]) or "a red fox in a snowy forest, ukiyo-e --ar 3:2"',
      '',
      'req = urllib.request.Request(',
      '    f"{BASE_URL}/mj/submit/imagine",',
      '    data=json.dumps({"prompt": prompt}).encode(),',
      `    headers={"Content-Type": "application/json", "${header[0]}": f"${header[1].replace('${KEY}', '{KEY}')}"},`,
      '    method="POST",',
      ')',
      'with urllib.request.urlopen(req, timeout=30) as resp:',
      '    body = json.load(resp)',
      'print(json.dumps(body, ensure_ascii=False))',
      'print("task ID:", body.get("result"))',
      '',
    ].join('\n'),
    'generate.mjs': [
      '// Submit a prompt to a Midjourney-proxy server and print the task ID (Node 18+, reads .env).',
      "import { readFileSync } from 'node:fs';",
      '',
      "const env = Object.fromEntries(readFileSync(new URL('./.env', import.meta.url), 'utf8').split('\\n').filter((l) => l.includes('=') && !l.startsWith('#')).map((l) => l.split(/=(.*)/s).slice(0, 2)));",
      'const BASE_URL = process.env.MJ_BASE_URL ?? env.MJ_BASE_URL;',
      'const KEY = process.env.MJ_API_KEY ?? env.MJ_API_KEY;',
      "const prompt = process.argv.slice(2).join(' ') || 'an astronaut reading in a hammock, isometric, pastel --ar 1:1';",
      '',
      'const res = await fetch(`${BASE_URL}/mj/submit/imagine`, {',
      "  method: 'POST',",
      `  headers: { 'Content-Type': 'application/json', '${header[0]}': \`${header[1]}\` },`,
      '  body: JSON.stringify({ prompt }),',
      '});',
      'const body = await res.json();',
      'console.log(JSON.stringify(body));',
      "console.log('task ID:', body.result);",
      '',
    ].join('\n'),
  };
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(WORKSPACE, name), content);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  if (o.build) build();
  vs.ensureInstalled({ browser: false });

  const simulatorModule = path.join(ROOT, 'out', 'src', 'simulator', 'index.js');
  if (!fs.existsSync(simulatorModule)) throw new Error(`${path.relative(ROOT, simulatorModule)} is missing: run npm run compile`);
  const port = await choosePort(o.port, 8080, 'VS Code');
  const simPort = await choosePort(o.simPort, 8787, 'simulator');

  // A fresh demo each time: the tracked tasks belong to this run's simulator.
  vs.claimRunDir(DEMO_DIR);
  const simLog = fs.createWriteStream(path.join(DEMO_DIR, 'simulator.log'));
  // Known only to whoever reads this run's output: the test that started it.
  const controlToken = o.control ? randomBytes(16).toString('hex') : undefined;
  const sim = await require(simulatorModule).startSimulator({
    port: simPort,
    dialect: o.dialect,
    apiKey: o.key,
    speed: o.speed,
    seedDemo: true,
    frozen: o.control,
    controlToken,
    log: (line) => simLog.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`),
  });
  let server;
  let stopping;
  const stop = (why, code) => {
    stopping ??= (async () => {
      if (why) console.log(`\n${why}: stopping VS Code and the simulator…`);
      await server?.stop();
      await sim.close().catch(() => undefined);
      simLog.end();
      const left = vs.processesMentioning(DEMO_DIR);
      if (left.length) console.error(`still running:\n  ${left.join('\n  ')}`);
      else console.log('Stopped; nothing left running.');
      process.exit(code);
    })();
    return stopping;
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig, 0));

  writeWorkspace(sim, o.dialect, o.key);
  await writeSamplePhotos(sim);
  require('./demoLog').writeDemoLog(WORKSPACE, sim.demoTasks());
  writeDemoTerminalFiles(WORKSPACE);
  const devSetup = vs.writeDevSetup(path.join(DEMO_DIR, 'dev-setup.json'), {
    keys: { [PROVIDER]: o.key },
    track: { [PROVIDER]: [...sim.demoTaskIds] },
  });
  try {
    server = await vs.startCodeServer({
      dataDir: DEMO_DIR,
      workspace: WORKSPACE,
      port,
      host: o.host,
      settings: vs.mjTasksSettings(sim.url, PROVIDER, AUTH_BY_DIALECT[o.dialect]),
      env: { MJ_TASKS_DEV_SETUP: devSetup },
    });
  } catch (e) {
    await sim.close().catch(() => undefined);
    throw e;
  }
  server.process.once('exit', (code) => {
    if (!stopping) {
      console.error(`code-server exited (${code}); see ${path.relative(ROOT, server.logFile)}`);
      stop(undefined, 1);
    }
  });

  const demo = sim.demoTasks();
  const shownHost = o.host === '0.0.0.0' ? '127.0.0.1' : o.host;
  console.log(
    [
      '',
      `MJ Tasks demo is running (ready in ${vs.seconds(t0)}):`,
      '',
      `  Open VS Code:  http://${shownHost}:${server.port}/?folder=${encodeURI(WORKSPACE)}`,
      `  Simulator:     ${sim.url}  (${o.dialect} dialect, ${AUTH_BY_DIALECT[o.dialect]} auth, API key: ${o.key})`,
      ...(controlToken ? [`  Control:       ${sim.url}/_sim/  (X-Sim-Control: ${controlToken}; tasks move only when told)`] : []),
      `  Tracking:      ${demo.length} demo tasks (the "MJ Tasks" view in the activity bar)`,
      ...demo.map((d) => `                 ${d.id.padEnd(19)} ${d.status.padEnd(11)} ${d.role}`),
      `  Workspace:     ${path.relative(ROOT, WORKSPACE)}/ (generate.py, generate.mjs, .env, logs/generate.log)`,
      `  Logs:          ${path.relative(ROOT, server.logFile)}, ${path.relative(ROOT, path.join(DEMO_DIR, 'simulator.log'))}`,
      '',
      'Press Ctrl-C to stop everything.',
    ].join('\n'),
  );
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  process.exit(1);
});
