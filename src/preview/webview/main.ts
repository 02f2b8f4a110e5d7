import {
  EditorTarget,
  HostMessage,
  isHostMessage,
  isPreviewModel,
  isUiStrings,
  PreviewState,
  PreviewModel,
  UiStrings,
  WebviewMessage,
} from '../shared/protocol';
import { MediaCache } from './media';
import { Actions } from './actions';
import { renderView } from './render';

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
const media = new MediaCache();

let strings: UiStrings | undefined;
let view: PreviewModel | undefined;
let target: EditorTarget | null = null;

const actions: Actions = {
  copy: (key) => vscode.postMessage({ type: 'copy', key }),
  insert: (key, literal) => vscode.postMessage({ type: 'insert', key, literal }),
  open: (key) => vscode.postMessage({ type: 'open', key }),
  refresh: () => vscode.postMessage({ type: 'refresh' }),
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
  app.replaceChildren(renderView(view, { strings, target, actions, media }));
  media.endRender();
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scrollY);
  if (focusedId) {
    for (const el of app.querySelectorAll<HTMLElement>('[data-action-id]')) {
      if (el.dataset.actionId === focusedId) {
        el.focus({ preventScroll: true });
        break;
      }
    }
  }
}

function onMessage(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      strings = message.strings;
      view = message.view;
      target = message.target;
      break;
    case 'update':
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
