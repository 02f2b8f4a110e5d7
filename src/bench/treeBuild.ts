import { NO_FILTER, buildTaskView, parseFilter } from '../core/taskView';
import { sampleTrackedTasks } from './sampleTasks';
import { medianOf } from './stats';

export interface TreeFigures {
  treeBuild10kMs: number;
  treeBuild10kGroupedMs: number;
  treeFilter10kMs: number;
}

/** The pure work behind the tree's children: filter, group and sort, without the TreeItems. */
export async function measureTreeBuild(n = 10_000): Promise<TreeFigures> {
  const all = [...sampleTrackedTasks(n).values()];
  const treeBuild10kMs = await medianOf(5, () => buildTaskView(all, 'none', NO_FILTER));
  const treeBuild10kGroupedMs = await medianOf(5, () => buildTaskView(all, 'status', NO_FILTER));
  const filter = parseFilter('status:succeeded fox');
  const treeFilter10kMs = await medianOf(5, () => buildTaskView(all, 'status', filter));
  return { treeBuild10kMs, treeBuild10kGroupedMs, treeFilter10kMs };
}
