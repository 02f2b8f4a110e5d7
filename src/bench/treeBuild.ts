import { blankTask } from '../core/blankTask';
import { JsonMemoryStorage } from '../core/memoryStorage';
import { TASK_STORE_KEY } from '../core/storeCodec';
import { TaskStore } from '../core/taskStore';
import { NO_FILTER, buildTaskView, parseFilter } from '../core/taskView';
import { Task } from '../core/types';
import { medianOf, timeMs } from './stats';

const PROMPTS = ['a red fox in the snow --ar 3:2', '吉卜力风格的海边小镇', 'isometric city at night, neon', 'portrait of an old sailor --v 7'];
const STATUSES: Task['status'][] = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED'];

/** A realistic finished-grid task (nine buttons, URLs, prompts), so sizes match real lists. */
function sampleTask(i: number): Task {
  const id = String(1730621826053455 + i);
  const status = STATUSES[i % STATUSES.length];
  const hash = `3785da15-4f70-4034-9128-${String(i).padStart(12, '0')}`;
  const prompt = PROMPTS[i % PROMPTS.length];
  return blankTask(id, {
    action: 'IMAGINE',
    status,
    rawStatus: status,
    progress: status === 'SUCCESS' ? 100 : 40,
    prompt,
    promptEn: prompt,
    finalPrompt: `${prompt} --v 7`,
    description: '/imagine ' + prompt,
    imageUrl: `https://cdn.example.com/attachments/1300842274347028520/${id}/grid_${hash}.png`,
    failReason: status === 'FAILURE' ? '[Invalid parameter] Invalid value' : null,
    buttons: [
      ...[1, 2, 3, 4].map((n) => ({ customId: `MJ::JOB::upsample::${n}::${hash}`, label: `U${n}`, emoji: '' })),
      { customId: `MJ::JOB::reroll::0::${hash}::SOLO`, label: '', emoji: '🔄' },
      ...[1, 2, 3, 4].map((n) => ({ customId: `MJ::JOB::variation::${n}::${hash}`, label: `V${n}`, emoji: '' })),
    ],
    mode: 'FAST',
    submitTime: 1730621826053 + i * 1000,
    startTime: 1730621828024 + i * 1000,
    finishTime: status === 'SUCCESS' ? 1730621855817 + i * 1000 : null,
  });
}

function filledStore(n: number, storage = new JsonMemoryStorage()): TaskStore {
  const store = new TaskStore(storage);
  const tasks = Array.from({ length: n }, (_, i) => sampleTask(i));
  store.add(
    tasks.map((t) => t.id),
    'bench',
  );
  for (const t of tasks) {
    store.applyResult(t.id, t);
  }
  return store;
}

export interface StoreTreeFigures {
  treeBuild10kMs: number;
  treeBuild10kGroupedMs: number;
  treeFilter10kMs: number;
  persist10kMs: number;
  load10kMs: number;
  persistedBytes10k: number;
}

/** The pure work behind the tree's children, and one write and one read of the whole list. */
export async function measureStoreAndTree(n = 10_000): Promise<StoreTreeFigures> {
  const storage = new JsonMemoryStorage();
  const store = filledStore(n, storage);
  const all = store.all();
  const treeBuild10kMs = await medianOf(5, () => buildTaskView(all, 'none', NO_FILTER));
  const treeBuild10kGroupedMs = await medianOf(5, () => buildTaskView(all, 'status', NO_FILTER));
  const filter = parseFilter('status:succeeded fox');
  const treeFilter10kMs = await medianOf(5, () => buildTaskView(all, 'status', filter));

  // A cold write: every entry encoded and serialised, as after the first poll round of a session.
  const persistTimes: number[] = [];
  for (let run = 0; run < 3; run++) {
    const fresh = filledStore(n);
    persistTimes.push(await timeMs(() => fresh.flush()));
    fresh.dispose();
  }
  persistTimes.sort((a, b) => a - b);
  await store.flush();
  const load10kMs = await medianOf(3, () => new TaskStore(storage).dispose());
  const persistedBytes10k = JSON.stringify(storage.get(TASK_STORE_KEY)).length;
  store.dispose();
  return { treeBuild10kMs, treeBuild10kGroupedMs, treeFilter10kMs, persist10kMs: persistTimes[1], load10kMs, persistedBytes10k };
}
