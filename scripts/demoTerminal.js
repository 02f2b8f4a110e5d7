// `npm start`'s demo workspace, the terminal part: tasks that run the workspace's submit scripts in
// the integrated terminal, where the submit response they print is a link that tracks the task.
// Run by the person (Terminal → Run Task…), never on folder open: a submit is a billed job.
'use strict';

const fs = require('fs');
const path = require('path');

const task = (label, command) => ({
  label,
  type: 'shell',
  command,
  problemMatcher: [],
  presentation: { reveal: 'always', panel: 'shared', clear: true, focus: false },
});

/** Writes `.vscode/tasks.json` into the demo workspace. */
function writeDemoTerminalFiles(workspace) {
  const tasks = {
    version: '2.0.0',
    tasks: [task('Submit an imagine (node generate.mjs)', 'node generate.mjs'), task('Submit an imagine (python3 generate.py)', 'python3 generate.py')],
  };
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'tasks.json'), JSON.stringify(tasks, null, 2) + '\n');
}

module.exports = { writeDemoTerminalFiles };
