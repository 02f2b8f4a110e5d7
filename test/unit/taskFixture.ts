import { Task, TaskStatus, TERMINAL_STATUSES } from '../../src/core/types';

/** A normalized task as the client returns it, for store and scheduler tests. */
export function makeTask(id: string, status: TaskStatus = 'IN_PROGRESS', extra: Partial<Task> = {}): Task {
  return {
    id,
    action: 'IMAGINE',
    status,
    rawStatus: status,
    progress: status === 'SUCCESS' ? 100 : 10,
    prompt: 'a cat',
    promptEn: null,
    finalPrompt: null,
    finalZhPrompt: null,
    description: null,
    imageUrl: null,
    imageUrls: [],
    videoUrls: [],
    failReason: null,
    buttons: [],
    seed: null,
    parentId: null,
    mode: null,
    submitTime: null,
    startTime: null,
    finishTime: null,
    terminal: TERMINAL_STATUSES.has(status),
    ...extra,
  };
}
