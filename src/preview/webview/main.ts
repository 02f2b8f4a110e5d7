import { EditorTarget, HostMessage, InsertResult, PreviewModel, PreviewState, UiStrings, WebviewMessage } from '../shared/protocol';
import { isHostMessage, isPreviewModel, isUiStrings } from '../shared/protocolGuards';
import { Actions, flash } from './actions';
import { MediaCache } from './media';
import { renderView } from './render';
import { Toast } from './toast';

// The preview's browser side: handshake, validation of every message, state for the serializer,
// rendering. It knows nothing the host did not send; its strings come localized in `init`.

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
/** Why media failed to load, by value key (the host's answers to mediaFailed). */
const mediaProblems = new Map<string, string>();
const media = new MediaCache((url) => {
  const item = [view?.image, ...(view?.gallery ?? []), ...(view?.videos ?? [])].find((m) => m?.safeUrl === url);
  if (item) vscode.postMessage({ type: 'mediaFailed', key: item.key });
});
const toast = new Toast(document.body);

let strings: UiStrings | undefined;
let view: PreviewModel | undefined;
let target: EditorTarget | null = null;

/** The `insert` requests the host has not answered yet: request ID → the button that asked. */
const pendingInserts = new Map<number, string>();
/** Buttons pressed whose submit has not been answered: their controls stay disabled. */
const pressing = new Set<string>();
let nextRequestId = 0;

const actions: Actions = {
  copy: (key) => vscode.postMessage({ type: 'copy', key }),
  insert: (key, literal, actionId) => {
    const requestId = nextRequestId++;
    pendingInserts.set(requestId, actionId);
    vscode.postMessage({ type: 'insert', key, literal, requestId });
  },
  open: (key) => vscode.postMessage({ type: 'open', key }),
  refresh: () => vscode.postMessage({ type: 'refresh' }),
  save: (part) => vscode.postMessage({ type: 'save', part }),
  press: (key) => {
    if (pressing.has(key)) return;
    pressing.add(key);
    vscode.postMessage({ type: 'press', key });
    render();
  },
  openTask: (key) => vscode.postMessage({ type: 'openTask', key }),
};

function render(): void {
  if (!strings || !view) {
    return;
  }
  // A re-render replaces the whole tree: keep the scroll position and the keyboard focus.
  const scrollY = window.scrollY;
  // Only while the panel has the focus: a background update must not pull it from a quick pick.
  const focusedId = document.hasFocus() ? (document.activeElement as HTMLElement | null)?.dataset?.actionId : undefined;
  media.beginRender();
  app.replaceChildren(renderView(view, { strings, target, actions, media, pressing, canPress: view.family.canPress, mediaProblems }));
  media.endRender();
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scrollY);
  if (focusedId) {
    actionElement(focusedId)?.focus({ preventScroll: true });
  }
}

/** The element with `data-action-id` = `id` in the view as it is now (a re-render replaces them). */
function actionElement(id: string): HTMLElement | undefined {
  return Array.from(app.querySelectorAll<HTMLElement>('[data-action-id]')).find((el) => el.dataset.actionId === id);
}

/** The host's answer to an Insert: "Inserted" on the button, or "Not inserted" and the reason. */
function onInsertResult(requestId: number, result: InsertResult): void {
  const actionId = pendingInserts.get(requestId);
  pendingInserts.delete(requestId);
  if (actionId === undefined || !strings) {
    return; // asked before a reload: that button is gone
  }
  const button = actionElement(actionId);
  if (result.inserted) {
    if (button instanceof HTMLButtonElement) flash(button, strings.inserted);
    return;
  }
  if (button instanceof HTMLButtonElement) flash(button, strings.notInserted);
  toast.show(result.reason);
}

function onMessage(message: HostMessage): void {
  switch (message.type) {
    case 'insertResult':
      onInsertResult(message.requestId, message);
      return;
    case 'mediaProblem':
      mediaProblems.set(message.key, message.reason);
      render();
      return;
    case 'pressResult':
      pressing.delete(message.key);
      render();
      return;
    case 'init':
      strings = message.strings;
      view = message.view;
      target = message.target;
      break;
    case 'update':
      if (view?.taskId !== message.view.taskId) mediaProblems.clear();
      view = message.view;
      break;
    case 'target':
      target = message.target;
      break;
  }
  if (view && strings) {
    // The serializer gets the task ID back after a reload; the rest repaints a re-shown panel at once.
    vscode.setState({ taskId: view.taskId, strings, view });
  }
  render();
}

/** The last view, shown until the host's `init` replaces it; checked like a message. */
function restoreState(): void {
  const saved = vscode.getState() as Partial<PreviewState> | undefined;
  if (saved && isUiStrings(saved.strings) && isPreviewModel(saved.view)) {
    strings = saved.strings;
    view = saved.view;
    render();
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) {
    console.warn('MJ Tasks preview: ignored a message that does not match the protocol');
    return;
  }
  onMessage(event.data);
});

restoreState();
vscode.postMessage({ type: 'ready' });
