// What a code-server run's folders get before it starts: the extension linked in, the user
// settings, and the dev-setup file (API keys and task IDs) the extension reads at activation.
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT } = require('./common');

/** publisher.name-version from package.json, the folder name VS Code gives an installed extension. */
function extensionFolderName() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, folder: `${pkg.publisher}.${pkg.name}-${pkg.version}` };
}

/** Links the repo into `extensionsDir` as an installed extension (publisher.name-version → repo). */
function linkExtension(extensionsDir, source = ROOT) {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const { folder } = extensionFolderName();
  const link = path.join(extensionsDir, folder);
  try {
    const current = fs.readlinkSync(link);
    if (path.resolve(extensionsDir, current) === source) return link;
    fs.unlinkSync(link);
  } catch {
    fs.rmSync(link, { recursive: true, force: true });
  }
  fs.symlinkSync(source, link, 'dir');
  // code-server keeps a list of extensions it knows; a stale one could hide the link.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  return link;
}

/** The user settings every run gets; `extra` (e.g. the MJ Tasks provider) is merged over them. */
function userSettings(extra = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // VS Code 1.139 opens Settings and some other editors as a modal over the workbench (the palette
    // cannot be used while it shows); editors in the editor area, as in the desktop versions we support.
    'workbench.editor.useModal': 'off',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'window.restoreWindows': 'none',
    ...extra,
  };
}

/** The MJ Tasks settings for one provider called `name` at `baseUrl` (auth: bearer, raw, mj-api-secret, none). */
function mjTasksSettings(baseUrl, name = 'Simulator', auth = 'bearer') {
  return {
    'mjTasks.providers': [{ name, baseUrl, auth }],
    'mjTasks.defaultProvider': name,
  };
}

/**
 * Writes the file MJ_TASKS_DEV_SETUP points at: API keys (they live in SecretStorage, never in
 * settings) and task IDs to track, read by the extension at activation (dev/demo/test only).
 */
function writeDevSetup(file, { keys = {}, track = {} }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ keys, track }, null, 2) + '\n', { mode: 0o600 });
  return file;
}

module.exports = { extensionFolderName, linkExtension, userSettings, mjTasksSettings, writeDevSetup };
