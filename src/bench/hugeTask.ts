import { blankTask } from '../core/blankTask';
import { MjClient } from '../core/client';
import { parseJson } from '../core/json';
import { JsonMemoryStorage } from '../core/memoryStorage';
import { PollScheduler } from '../core/scheduler';
import { normalizeTask, unwrapTask } from '../core/task';
import { TaskStore } from '../core/taskStore';
import { NO_FILTER, buildTaskView } from '../core/taskView';
import { TrackedTask } from '../core/trackedTask';
import { Simulator } from '../simulator/types';
import { taskItemDescription, taskItemLabel, taskTooltipMarkdown } from '../tree/taskItemText';
import { median, timeMs } from './stats';

// One task with a 2 MB prompt among ordinary ones: what taking it in and showing it costs, and
// whether the poll loop keeps its pace for the other tasks meanwhile.

const HUGE_PROMPT_CHARS = 2 * 1024 * 1024;
const OTHER_TASKS = 1000;
const ACTIVE_TASKS = 20;
/** A fast, fixed cadence (no quiet backoff), so a stall shows as a gap far above it. */
const POLL_INTERVAL_MS = 250;
const POLLS_AFTER = 8;
const RUNS = 5;

export interface HugeTaskFigures {
  /** Parse the body, normalize, apply to a store of 1 000 others, tree children, its row and tooltip. */
  hugeTaskMs: number;
  /** The same for the same task with a 2 KB prompt. */
  smallTaskMs: number;
  /** The Markdown of the huge task's tooltip (VS Code lexes it whole on the extension host). */
  hugeTaskTooltipChars: number;
  /** The longest time between two consecutive polls while the huge task was tracked and taken in. */
  hugeTaskPollGapMs: number;
  pollIntervalMs: number;
}

function prompt(chars: number): string {
  const words = 'a lighthouse on a cliff at golden hour https://s.mj.run/x7 $(zap) [x](command:y) --ar 16:9 ';
  return words.repeat(Math.ceil(chars / words.length)).slice(0, chars);
}

function otherTasks(store: TaskStore, n: number): void {
  const ids = Array.from({ length: n }, (_, i) => String(1730621826053455 + i));
  store.add(ids, 'bench');
  store.batch(() => ids.forEach((id, i) => store.applyResult(id, blankTask(id, { action: 'IMAGINE', status: 'SUCCESS', rawStatus: 'SUCCESS', progress: 100, prompt: `a red fox ${i} --ar 3:2`, submitTime: 1730621826053 + i }))));
}

/** What the extension does with a fetched task until its row can be drawn. */
function showRow(t: TrackedTask, all: readonly TrackedTask[]): number {
  buildTaskView(all, 'none', NO_FILTER);
  return taskItemLabel(t).length + taskItemDescription(t, Date.now()).length + taskTooltipMarkdown(t, 1).length;
}

/** Bodies differ in progress, so every run records a change, as a moving task does. */
async function takeInMs(sim: Simulator, promptChars: number): Promise<{ ms: number; tooltipChars: number }> {
  const id = sim.createTask({ status: 'IN_PROGRESS', progress: 10, frozen: true, overrides: { prompt: prompt(promptChars) } });
  const json = sim.getTaskJson(id) as Record<string, unknown>;
  const bodies = Array.from({ length: RUNS + 1 }, (_, i) => JSON.stringify({ ...json, progress: `${10 + i}%` }));
  const store = new TaskStore(new JsonMemoryStorage());
  otherTasks(store, OTHER_TASKS);
  store.add([id], 'bench');
  const times: number[] = [];
  let tooltipChars = 0;
  for (const body of bodies) {
    times.push(
      await timeMs(() => {
        const task = normalizeTask(unwrapTask(parseJson(body)));
        if (!task) throw new Error('the simulator answered no task');
        store.applyResult(id, task);
        const t = store.get(id)!;
        showRow(t, store.all());
        tooltipChars = taskTooltipMarkdown(t, 1).length;
      }),
    );
  }
  store.dispose();
  return { ms: median(times.slice(1)), tooltipChars };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The real scheduler polls moving tasks on the simulator (over loopback) while the huge task is
 * tracked, fetched and shown with them; every changed row is rebuilt as the tree would.
 */
async function pollGapMs(sim: Simulator, client: MjClient): Promise<number> {
  const active = Array.from({ length: ACTIVE_TASKS }, () => sim.createTask({ status: 'IN_PROGRESS', progress: 5, durationMs: 120_000 }));
  const huge = sim.createTask({ status: 'IN_PROGRESS', progress: 10, frozen: true, overrides: { prompt: prompt(HUGE_PROMPT_CHARS) } });
  const store = new TaskStore(new JsonMemoryStorage());
  otherTasks(store, OTHER_TASKS);
  store.add(active, 'bench');
  const polls: number[] = [];
  const scheduler = new PollScheduler({
    store,
    fetchBatch: (_provider, ids, signal) => {
      polls.push(performance.now());
      return client.fetchTasks(ids, { signal });
    },
    settings: () => ({ intervalMs: POLL_INTERVAL_MS, maxIntervalMs: POLL_INTERVAL_MS, unfocusedFactor: 1, stuckAfterMs: 0 }),
    minIntervalMs: POLL_INTERVAL_MS,
  });
  const rows = store.onDidChange((e) => e.changed.forEach((t) => showRow(t, store.all())));
  try {
    scheduler.start();
    await until(() => polls.length >= 3, 'the first polls');
    const from = polls.length - 1;
    store.add([huge], 'bench');
    void scheduler.pollNow([huge]);
    await until(() => store.get(huge)?.task !== null, 'the huge task to be fetched');
    const fetchedAt = polls.length;
    await until(() => polls.length >= fetchedAt + POLLS_AFTER, 'the polls after it');
    const window = polls.slice(from);
    return Math.max(...window.slice(1).map((t, i) => t - window[i]));
  } finally {
    rows.dispose();
    scheduler.dispose();
    store.dispose();
  }
}

export async function measureHugeTask(sim: Simulator, client: MjClient): Promise<HugeTaskFigures> {
  const small = await takeInMs(sim, 2048);
  const huge = await takeInMs(sim, HUGE_PROMPT_CHARS);
  return {
    hugeTaskMs: huge.ms,
    smallTaskMs: small.ms,
    hugeTaskTooltipChars: huge.tooltipChars,
    hugeTaskPollGapMs: await pollGapMs(sim, client),
    pollIntervalMs: POLL_INTERVAL_MS,
  };
}

/** The figures rounded, and the table's row. */
export function hugeTaskReport(f: HugeTaskFigures): { figures: Record<string, number>; row: [string, string] } {
  const ms = (n: number) => Math.round(n * 10) / 10;
  return {
    figures: { hugeTaskMs: ms(f.hugeTaskMs), smallTaskMs: ms(f.smallTaskMs), hugeTaskTooltipChars: f.hugeTaskTooltipChars, hugeTaskPollGapMs: Math.round(f.hugeTaskPollGapMs), pollIntervalMs: f.pollIntervalMs },
    row: [
      'task with a 2 MB prompt taken in and shown (2 KB prompt) / longest poll gap meanwhile',
      `${ms(f.hugeTaskMs)} ms (${ms(f.smallTaskMs)} ms), tooltip ${f.hugeTaskTooltipChars} chars / ${Math.round(f.hugeTaskPollGapMs)} ms (interval ${f.pollIntervalMs} ms)`,
    ],
  };
}
