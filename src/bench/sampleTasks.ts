import { blankTask } from '../core/blankTask';
import { TrackedTask } from '../core/trackedTask';
import { Task } from '../core/types';

// Realistic tracked lists for the benchmark: the sizes and shapes of real ones.

const PROMPTS = ['a red fox in the snow --ar 3:2', '吉卜力风格的海边小镇', 'isometric city at night, neon', 'portrait of an old sailor --v 7'];
const STATUSES: Task['status'][] = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED'];

/** A realistic finished-grid task (nine buttons, URLs, prompts), so sizes match real lists. */
export function sampleTask(i: number, progress?: number): Task {
  const id = sampleId(i);
  const status = STATUSES[i % STATUSES.length];
  const hash = `3785da15-4f70-4034-9128-${String(i).padStart(12, '0')}`;
  const prompt = PROMPTS[i % PROMPTS.length];
  return blankTask(id, {
    action: 'IMAGINE',
    status,
    rawStatus: status,
    progress: progress ?? (status === 'SUCCESS' ? 100 : 40),
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

export function sampleId(i: number): string {
  return String(1730621826053455 + i);
}

/** `n` tracked tasks, each fetched once, as a store holds them. */
export function sampleTrackedTasks(n: number): Map<string, TrackedTask> {
  const out = new Map<string, TrackedTask>();
  for (let i = 0; i < n; i++) {
    const task = sampleTask(i);
    const at = task.submitTime ?? 0;
    out.set(task.id, { id: task.id, provider: 'bench', addedAt: at, lastChangedAt: at + 1, lastCheckedAt: at + 2, task, error: null, stuck: false, parentId: null, originCustomId: null });
  }
  return out;
}
