import * as vscode from 'vscode';
import { inertLabel } from '../core/inertText';

// The inputs the new-job commands share. One QuickPick serves every step of a command, so a
// step's close never hands the focus to a webview that then closes the next step.

interface PromptItem extends vscode.QuickPickItem {
  prompt: string;
}

export class JobInputs implements vscode.Disposable {
  private readonly qp = vscode.window.createQuickPick<vscode.QuickPickItem>();

  /** A prompt typed (offered as the first row) or one of `recent`; undefined on Escape. */
  prompt(options: { title: string; placeholder: string; recent: readonly string[]; typedLabel: (text: string) => string }): Promise<string | undefined> {
    const recentItems: PromptItem[] = options.recent.map((p) => ({ prompt: p, label: inertLabel(p), description: vscode.l10n.t('recent') }));
    const itemsFor = (text: string): PromptItem[] => {
      const typed = text.trim();
      // The typed row shows the text inert ($(…) would render as an icon) but sends it as typed.
      return typed ? [{ prompt: typed, label: options.typedLabel(inertLabel(typed)), alwaysShow: true }, ...recentItems] : recentItems;
    };
    return this.ask<PromptItem, string>(
      { title: options.title, placeholder: options.placeholder, items: itemsFor(''), many: false },
      (qp) => qp.onDidChangeValue((v) => (qp.items = itemsFor(v))),
      // Enter can come before the typed row reaches the list (fast typing, a busy host): then no
      // row is active, and the text in the box is what the user meant.
      (picked, value) => picked[0]?.prompt ?? (value.trim() || undefined),
    );
  }

  /** One of `items`; undefined on Escape. */
  pickOne<T extends vscode.QuickPickItem>(title: string, placeholder: string, items: readonly T[]): Promise<T | undefined> {
    return this.ask<T, T>({ title, placeholder, items, many: false }, undefined, (picked) => picked[0]);
  }

  /** Any number of `items` (none is an answer too); undefined on Escape. */
  pickMany<T extends vscode.QuickPickItem>(title: string, placeholder: string, items: readonly T[]): Promise<T[] | undefined> {
    return this.ask<T, T[]>({ title, placeholder, items, many: true }, undefined, (picked) => [...picked]);
  }

  private ask<T extends vscode.QuickPickItem, R>(
    step: { title: string; placeholder: string; items: readonly T[]; many: boolean },
    extra: ((qp: vscode.QuickPick<T>) => vscode.Disposable) | undefined,
    result: (picked: readonly T[], value: string) => R | undefined,
  ): Promise<R | undefined> {
    const qp = this.qp as unknown as vscode.QuickPick<T>;
    qp.title = step.title;
    qp.placeholder = step.placeholder;
    qp.canSelectMany = step.many;
    qp.value = '';
    qp.items = step.items;
    qp.selectedItems = [];
    qp.matchOnDescription = true;
    return new Promise<R | undefined>((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const settle = (value: R | undefined) => {
        listeners.forEach((l) => l.dispose());
        resolve(value);
      };
      if (extra) listeners.push(extra(qp));
      listeners.push(
        qp.onDidAccept(() => {
          const picked = step.many ? qp.selectedItems : qp.activeItems.slice(0, 1);
          const value = result(picked, qp.value);
          if (value !== undefined) settle(value);
        }),
        qp.onDidHide(() => settle(undefined)),
      );
      qp.show();
    });
  }

  private disposed = false;

  /** Closes the input; called when the questions are over (and again, harmlessly, on the way out). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.qp.hide();
    this.qp.dispose();
  }
}
