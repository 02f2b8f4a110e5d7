import { format, ValueKey } from '../shared/protocol';
import { actionButton, RenderContext } from './actions';

/**
 * "Code": for a button (its customId's key) or the task (null). The host answers with a pick —
 * insert into the editor in its language, or copy in any form — so nothing happens here but asking.
 */
export function codeButton(ctx: RenderContext, key: ValueKey | null, customId = ''): HTMLButtonElement {
  const s = ctx.strings;
  const id = key === null ? 'code:task' : `code:${key}`;
  const title = key === null ? s.taskCodeTitle : format(s.codeTitle, customId);
  const button = actionButton(id, 'code', s.code, title, () => ctx.actions.code(key), 'secondary');
  button.dataset.action = 'code';
  return button;
}

/** A row's Copy/Insert group with the Code button after them, so they wrap as one group. */
export function withCodeButton(actions: HTMLElement, ctx: RenderContext, key: ValueKey, customId: string): HTMLElement {
  actions.append(codeButton(ctx, key, customId));
  return actions;
}
