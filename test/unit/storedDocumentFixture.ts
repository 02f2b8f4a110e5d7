// A task list as versions before the task files kept it in globalState (one document under
// `mjTasks.trackedTasks`), byte for byte, and the tasks it holds: for the codec's format test and
// the move out of globalState.

import { newTrackedTask } from '../../src/core/blankTask';
import { TrackedTask } from '../../src/core/trackedTask';
import { makeTask } from './taskFixture';

export const finished: TrackedTask = {
  ...newTrackedTask('1730621826053455', 'relay', 1000),
  lastChangedAt: 2000,
  lastCheckedAt: 3000,
  task: makeTask('1730621826053455', 'SUCCESS', {
    imageUrl: 'https://cdn/1.png',
    buttons: [{ customId: 'MJ::JOB::reroll::0::h::SOLO', label: '', emoji: '🔄' }],
    submitTime: 5,
  }),
};

export const failing: TrackedTask = {
  ...newTrackedTask('1730621826053456', 'relay', 1000),
  error: { kind: 'Network', message: 'no route', hint: 'check the network', at: 4000 },
  stuck: true,
};

export const STORED_DOCUMENT_JSON =
  '{"version":1,"tasks":[' +
  '{"id":"1730621826053455","provider":"relay","addedAt":1000,"lastChangedAt":2000,"lastCheckedAt":3000,' +
  '"task":{"id":"1730621826053455","action":"IMAGINE","status":"SUCCESS","rawStatus":"SUCCESS","progress":100,' +
  '"prompt":"a cat","imageUrl":"https://cdn/1.png","buttons":[{"customId":"MJ::JOB::reroll::0::h::SOLO","label":"","emoji":"🔄"}],"submitTime":5}},' +
  '{"id":"1730621826053456","provider":"relay","addedAt":1000,"lastChangedAt":1000,' +
  '"error":{"kind":"Network","message":"no route","hint":"check the network","at":4000},"stuck":true}]}';
