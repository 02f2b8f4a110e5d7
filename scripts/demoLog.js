// The demo workspace's log file: what a script that submits and polls would have written, with the
// demo tasks' IDs in it, so hovering an ID in it (and its inline status) shows the live task.
// Kept apart from start.js's other workspace files.
const fs = require('fs');
const path = require('path');

/** `sim.demoTasks()` → the text of logs/generate.log. */
function demoLogText(demo, now = new Date()) {
  const grid = demo.find((d) => d.role.startsWith('finished IMAGINE grid')) ?? demo[0];
  const moving = demo.find((d) => d.role.startsWith('VARIATION')) ?? demo.find((d) => d.status === 'IN_PROGRESS') ?? demo[demo.length - 1];
  const failed = demo.find((d) => d.status === 'FAILURE');
  const at = (minutesAgo) => new Date(now.getTime() - minutesAgo * 60_000).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
  return [
    `${at(12)} INFO  generate.py: POST /mj/submit/imagine -> {"code":1,"description":"Submit success","result":"${grid.id}"}`,
    `${at(11)} INFO  task ${grid.id} finished: SUCCESS (took 58 s)`,
    `${at(3)} INFO  generate.py: POST /mj/submit/action (V2 of ${grid.id})`,
    `${at(3)} INFO  submitted task ${moving.id}, polling every 3 s`,
    ...(failed ? [`${at(2)} WARN  task ${failed.id} failed, see its failReason`] : []),
    `${at(1)} DEBUG request took 1296 ms, next poll at ${now.getTime()}`,
    '',
  ].join('\n');
}

function writeDemoLog(workspace, demo) {
  fs.mkdirSync(path.join(workspace, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'logs', 'generate.log'), demoLogText(demo));
}

module.exports = { demoLogText, writeDemoLog };
