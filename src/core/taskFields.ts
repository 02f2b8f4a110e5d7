import { Task } from './types';

// Every Task field and the kind of value it holds: what field equality compares and what the
// stored document writes and validates. Typed so that adding a Task field without listing it
// here fails to compile.

export type FieldKind = 'string' | 'stringOrNull' | 'numberOrNull' | 'strings' | 'buttons' | 'status';

/** `terminal` is left out: it follows from the status. */
export type TaskField = Exclude<keyof Task, 'terminal'>;

const TASK_FIELDS: Record<TaskField, FieldKind> = {
  id: 'string',
  action: 'string',
  status: 'status',
  rawStatus: 'string',
  progress: 'numberOrNull',
  prompt: 'stringOrNull',
  promptEn: 'stringOrNull',
  finalPrompt: 'stringOrNull',
  finalZhPrompt: 'stringOrNull',
  description: 'stringOrNull',
  imageUrl: 'stringOrNull',
  imageUrls: 'strings',
  videoUrls: 'strings',
  failReason: 'stringOrNull',
  buttons: 'buttons',
  seed: 'stringOrNull',
  parentId: 'stringOrNull',
  mode: 'stringOrNull',
  submitTime: 'numberOrNull',
  startTime: 'numberOrNull',
  finishTime: 'numberOrNull',
};

export const TASK_FIELD_ENTRIES = Object.entries(TASK_FIELDS) as ReadonlyArray<[TaskField, FieldKind]>;
