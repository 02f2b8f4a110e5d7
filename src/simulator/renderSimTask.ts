import type { SimContext } from './context';
import { renderNewapi } from './renderNewapi';
import { renderNovicezk } from './renderNovicezk';
import { renderTrueai } from './renderTrueai';
import type { SimTask } from './taskModel';
import { viewOf } from './simTaskView';

/** The task JSON (as an object) the running dialect's fetch returns now. */
export function renderSimTask(task: SimTask, ctx: SimContext): Record<string, unknown> {
  const rendered = renderDialect(task, ctx);
  return task.overrides ? { ...rendered, ...task.overrides } : rendered;
}

function renderDialect(task: SimTask, ctx: SimContext): Record<string, unknown> {
  const view = viewOf(task, ctx);
  switch (ctx.dialect) {
    case 'novicezk':
      return renderNovicezk(view);
    case 'trueai':
      return renderTrueai(view);
    case 'newapi':
      return renderNewapi(view, ctx);
  }
}
