// The processes a run starts: each code-server is its own process group, killed as a group (no
// file watcher lingers), also on exit when the caller forgot; a run folder belongs to one live run.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ROOT, log } = require('./common');

/** Every process group we started, killed on exit even when the caller forgot (or crashed). */
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

/** Remembers a group to kill on exit (until forgetGroup). */
function trackGroup(pid) {
  liveGroups.add(pid);
}

function forgetGroup(pid) {
  liveGroups.delete(pid);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Processes still running whose command line mentions `needle` (for the "nothing left running" check). */
function processesMentioning(needle) {
  const r = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return (r.stdout || '')
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'))
    .map((l) => l.trim());
}

/**
 * Takes a run folder (e.g. .vscode-test/e2e-run) for this process and empties it. Refuses when
 * another live run holds it (two runs in one tree would wipe each other); when the run that held it
 * died without cleaning up, first stops the processes it left (their command lines name the folder).
 */
function claimRunDir(dir) {
  const owner = path.join(dir, '.owner-pid');
  const pid = fs.existsSync(owner) ? Number(fs.readFileSync(owner, 'utf8')) : 0;
  if (pid && pid !== process.pid && pidAlive(pid)) {
    throw new Error(`${path.relative(ROOT, dir)} is in use by another run (pid ${pid}); wait for it or stop it`);
  }
  const left = processesMentioning(dir);
  for (const line of left) {
    const [p, pgid] = line.split(/\s+/).map(Number);
    log(`stopping a leftover of an earlier run: ${line.slice(0, 160)}`);
    if (!killGroup(pgid, 'SIGKILL')) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(owner, `${process.pid}\n`);
  return dir;
}

module.exports = { trackGroup, forgetGroup, killGroup, groupAlive, processesMentioning, claimRunDir };
