// package.json against the code's tables of names (src/ids.ts, src/core/settingsDefaults.ts): a
// command, setting, view, context key or tree-item flag renamed on one side only fails here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SETTINGS_DEFAULTS, SETTINGS_SECTION } from '../../src/core/settingsDefaults';
import { TrackedTask, TrackedTaskError } from '../../src/core/trackedTask';
import { TASK_STATUSES } from '../../src/core/types';
import { COMMANDS, CONTEXT_KEYS, TREE_ITEM_FLAGS, VIEWS } from '../../src/ids';
import { taskContextValue } from '../../src/tree/contextValue';
import { makeTask } from './taskFixture';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string; when?: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; when?: string }[];
    keybindings?: { command: string; when?: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const commandIds = new Set<string>(Object.values(COMMANDS));
const viewIds = new Set<string>(Object.values(VIEWS));
const contextKeys = new Set<string>(Object.values(CONTEXT_KEYS));
const flags = new Set<string>(Object.values(TREE_ITEM_FLAGS));

/** A tree-item flag the code may produce: one of the table, or `status-<a status the core knows>`. */
function isKnownFlag(flag: string): boolean {
  const status = /^status-(.+)$/.exec(flag)?.[1];
  return status ? (TASK_STATUSES as readonly string[]).includes(status) : flags.has(flag);
}

/** Every `when` clause of the manifest, with where it is. */
function whenClauses(m: Manifest): { where: string; when: string }[] {
  const c = m.contributes;
  const out: { where: string; when: string }[] = [];
  for (const [menu, entries] of Object.entries(c.menus)) {
    entries.forEach((e, i) => e.when && out.push({ where: `menus.${menu}[${i}] (${e.command})`, when: e.when }));
  }
  for (const [container, views] of Object.entries(c.views)) {
    views.forEach((v, i) => v.when && out.push({ where: `views.${container}[${i}]`, when: v.when }));
  }
  (c.viewsWelcome ?? []).forEach((w, i) => w.when && out.push({ where: `viewsWelcome[${i}]`, when: w.when }));
  (c.keybindings ?? []).forEach((k, i) => k.when && out.push({ where: `keybindings[${i}]`, when: k.when }));
  return out;
}

interface Term {
  key: string;
  op?: string;
  value?: string;
}

/**
 * The terms of a `when` clause: `key`, `key op value`, `key =~ /regex/`. Regex literals are taken
 * out first, since they may hold the `(`, `|` and `!` that separate terms elsewhere.
 */
function termsOf(when: string): Term[] {
  const terms: Term[] = [];
  const rest = when.replace(/([\w.-]+)\s*=~\s*\/((?:\\.|[^/\\])*)\/[a-z]*/g, (_m, key: string, regex: string) => {
    terms.push({ key, op: '=~', value: regex });
    return ' ';
  });
  for (const part of rest.split(/&&|\|\||[()]|!(?!=)/)) {
    const m = /^\s*([\w.-]+)\s*(?:(==|!=|<=|>=|<|>|not in|in)\s*(.+?))?\s*$/.exec(part);
    if (m) terms.push({ key: m[1], op: m[2], value: m[3] });
    else assert.strictEqual(part.trim(), '', `cannot read "${part}" in the when clause "${when}"`);
  }
  return terms.filter((t) => t.key !== 'true' && t.key !== 'false');
}

/** The flags a `viewItem =~` regex matches: only `\bflag\b` or `\b(flag|flag)\b` (single flags of the set). */
function flagsOfRegex(regex: string): string[] | undefined {
  const m = /^\\b(?:\(([\w-]+(?:\|[\w-]+)*)\)|([\w-]+))\\b$/.exec(regex);
  return m ? (m[1] ?? m[2]).split('|') : undefined;
}

describe('package.json against the code', () => {
  it('contributes exactly the commands of COMMANDS, each once', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepStrictEqual(contributed.filter((c, i) => contributed.indexOf(c) !== i), [], 'contributed twice');
    assert.deepStrictEqual(contributed.filter((c) => !commandIds.has(c)), [], 'contributed but not in COMMANDS');
    assert.deepStrictEqual([...commandIds].filter((c) => !contributed.includes(c)), [], 'in COMMANDS but not contributed');
  });

  it('puts only commands of COMMANDS in its menus', () => {
    const unknown = Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) =>
      entries.filter((e) => !commandIds.has(e.command)).map((e) => `${menu}: ${e.command}`),
    );
    assert.deepStrictEqual(unknown, []);
  });

  it('contributes every setting of SETTINGS_DEFAULTS with the same default, and no other', () => {
    const props = manifest.contributes.configuration.properties;
    const prefix = `${SETTINGS_SECTION}.`;
    const contributed = Object.keys(props).filter((k) => k.startsWith(prefix));
    assert.deepStrictEqual(Object.keys(props).filter((k) => !k.startsWith(prefix)), [], 'settings outside the section');
    const defaults = SETTINGS_DEFAULTS as unknown as Record<string, unknown>;
    assert.deepStrictEqual(contributed.map((k) => k.slice(prefix.length)).filter((k) => !(k in defaults)), [], 'contributed but not in SETTINGS_DEFAULTS');
    assert.deepStrictEqual(Object.keys(defaults).filter((k) => !(prefix + k in props)), [], 'in SETTINGS_DEFAULTS but not contributed');
    for (const key of contributed) {
      assert.deepStrictEqual(props[key].default, defaults[key.slice(prefix.length)], `the default of ${key}`);
    }
  });

  it('declares the views of VIEWS', () => {
    const containers = Object.values(manifest.contributes.viewsContainers).flat().map((c) => c.id);
    const views = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    assert.deepStrictEqual([...containers, ...views].filter((id) => id.startsWith('mjTasks') && !viewIds.has(id)), [], 'declared but not in VIEWS');
    assert.deepStrictEqual([...viewIds].filter((id) => !containers.includes(id) && !views.includes(id)), [], 'in VIEWS but not declared');
    assert.deepStrictEqual((manifest.contributes.viewsWelcome ?? []).filter((w) => !viewIds.has(w.view)).map((w) => w.view), [], 'welcome content for an unknown view');
  });

  it('names in its when clauses only views of VIEWS, context keys of CONTEXT_KEYS and settings it has', () => {
    const problems: string[] = [];
    for (const { where, when } of whenClauses(manifest)) {
      for (const t of termsOf(when)) {
        if (t.key === 'view' || t.key === 'focusedView') {
          if (!t.value || !viewIds.has(t.value)) problems.push(`${where}: ${t.key} ${t.op} ${t.value} is not a view of VIEWS`);
        } else if (t.key.startsWith(`config.${SETTINGS_SECTION}.`)) {
          if (!(t.key.slice(`config.${SETTINGS_SECTION}.`.length) in SETTINGS_DEFAULTS)) problems.push(`${where}: ${t.key} is not a setting`);
        } else if (t.key.startsWith(`${SETTINGS_SECTION}.`) && !contextKeys.has(t.key)) {
          problems.push(`${where}: ${t.key} is not a context key of CONTEXT_KEYS`);
        }
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('matches tree items only by single flags of TREE_ITEM_FLAGS (viewItem =~ /\\bflag\\b/)', () => {
    const problems: string[] = [];
    let matched = 0;
    for (const { where, when } of whenClauses(manifest)) {
      for (const t of termsOf(when).filter((x) => x.key === 'viewItem')) {
        const named = t.op === '=~' && t.value !== undefined ? flagsOfRegex(t.value) : undefined;
        if (!named) {
          problems.push(`${where}: viewItem ${t.op} ${t.value} does not match single flags with /\\bflag\\b/`);
          continue;
        }
        matched++;
        problems.push(...named.filter((f) => !isKnownFlag(f)).map((f) => `${where}: "${f}" is not a flag of TREE_ITEM_FLAGS`));
      }
    }
    assert.deepStrictEqual(problems, []);
    assert.ok(matched > 0, 'the menus match tree items by flag');
  });

  it('gives the tree items only flags of TREE_ITEM_FLAGS (or status-<STATUS>)', () => {
    const rich = { imageUrl: 'https://cdn.example/a.png', finalPrompt: 'a cat --v 6', buttons: [{ customId: 'MJ::JOB::upsample::1::x', label: 'U1', emoji: '' }] };
    const error: TrackedTaskError = { kind: 'Network', message: 'down', hint: '', at: 0 };
    const tracked = (extra: Partial<TrackedTask>): TrackedTask => ({ id: '1', provider: 'P', addedAt: 0, lastChangedAt: 0, lastCheckedAt: null, task: null, error: null, stuck: false, parentId: null, originCustomId: null, ...extra });
    const rows: TrackedTask[] = [
      tracked({}),
      tracked({ stuck: true, error }),
      ...TASK_STATUSES.flatMap((s) => [tracked({ task: makeTask('1', s) }), tracked({ task: makeTask('1', s, rich), stuck: true, error })]),
    ];
    const produced = new Set(rows.flatMap((r) => taskContextValue(r).split(' ')));
    assert.deepStrictEqual([...produced].filter((f) => !isKnownFlag(f)), []);
    // The fixtures reach every flag a task row can carry, so the check above covers them all.
    for (const f of ['task', 'terminal', 'active', 'unfetched', 'hasImage', 'hasFinalPrompt', 'hasButtons', 'stuck', 'error']) {
      assert.ok(produced.has(f), `no fixture produces "${f}"`);
    }
  });
});
