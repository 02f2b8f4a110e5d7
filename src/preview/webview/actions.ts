import { EditorTarget, UiStrings, ValueKey, format } from '../shared/protocol';
import { h, icon } from './dom';
import { MediaCache } from './media';

// What every part of the page needs: the strings, the Insert target, the messages to the host,
// and the buttons that send them.

export interface Actions {
  copy(key: ValueKey): void;
  /** `actionId`: the button that asked, which shows the host's answer. */
  insert(key: ValueKey, literal: boolean, actionId: string): void;
  open(key: ValueKey): void;
  refresh(): void;
  save(part: string): void;
  /** Press a button: the control stays disabled until the host's pressResult. */
  press(key: ValueKey): void;
  openTask(key: ValueKey): void;
}

export interface RenderContext {
  strings: UiStrings;
  target: EditorTarget | null;
  actions: Actions;
  media: MediaCache;
  /** Why media failed to load, by value key, as the host found out. */
  mediaProblems: ReadonlyMap<string, string>;
  /** Buttons pressed and not answered yet. */
  pressing: ReadonlySet<ValueKey>;
  /** The task's buttons can be pressed (it finished). */
  canPress: boolean;
}

export const FLASH_MS = 1200;

/**
 * A small text button with a codicon before its text. `id` lets the focus survive a re-render
 * (see main.ts). The text sits in its own span so a flash can change it and keep the icon.
 */
export function actionButton(
  id: string,
  iconName: string,
  text: string,
  title: string,
  onClick: (e: MouseEvent) => void,
  extraClass = '',
): HTMLButtonElement {
  return h(
    'button',
    {
      class: `action ${extraClass}`.trim(),
      attrs: { type: 'button', title, 'aria-label': title, 'data-action-id': id },
      on: { click: onClick },
    },
    icon(iconName),
    h('span', { class: 'action-text' }, text),
  );
}

/** Shows "Copied" on the button for a moment: the eye is on the button, not the status bar. */
export function flash(button: HTMLButtonElement, text: string): void {
  const label = button.querySelector<HTMLElement>('.action-text') ?? button;
  const original = label.textContent ?? '';
  label.textContent = text;
  button.classList.add('flashed');
  setTimeout(() => {
    label.textContent = original;
    button.classList.remove('flashed');
  }, FLASH_MS);
}

/** Copy, Insert (Alt-click: as a literal) and the explicit literal button, for one value. */
export function valueActions(ctx: RenderContext, key: ValueKey, label: string): HTMLElement {
  const s = ctx.strings;
  const copy = actionButton(`copy:${key}`, 'copy', s.copy, format(s.copyTitle, label), () => {
    ctx.actions.copy(key);
    flash(copy, s.copied);
  });
  copy.dataset.action = 'copy';
  const t = ctx.target;
  const insert = actionButton(
    `insert:${key}`,
    'insert',
    s.insert,
    t ? format(s.insertTitle, t.fileName, t.literalName) : s.noEditor,
    // No "Inserted" yet: the host answers with insertResult once it has (or has not) written.
    (e) => ctx.actions.insert(key, e.altKey, `insert:${key}`),
  );
  insert.dataset.action = 'insert';
  const literal = actionButton(
    `literal:${key}`,
    'symbol-string',
    s.insertLiteral,
    t ? format(s.insertLiteralTitle, t.fileName, t.literalName) : s.noEditor,
    () => ctx.actions.insert(key, true, `literal:${key}`),
    'secondary',
  );
  literal.dataset.action = 'insert-literal';
  insert.disabled = literal.disabled = !t;
  return h('span', { class: 'actions' }, copy, insert, literal);
}

/**
 * The control that presses a button: disabled from the click until the host answers, so one
 * click is one request. `text` is what it shows ("Press", "U2").
 */
export function pressButton(ctx: RenderContext, key: ValueKey, text: string, what: string, place: 'row' | 'quadrant'): HTMLButtonElement {
  const s = ctx.strings;
  const busy = ctx.pressing.has(key);
  const button = actionButton(
    `press-${place}:${key}`,
    busy ? 'loading' : 'play',
    busy ? s.pressing : text,
    format(s.pressTitle, what),
    () => {
      if (button.disabled) return;
      button.disabled = true;
      ctx.actions.press(key);
    },
    `press press-${place}`,
  );
  button.dataset.action = 'press';
  button.disabled = busy || !ctx.canPress;
  return button;
}
