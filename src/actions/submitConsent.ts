import * as vscode from 'vscode';
import { plainText } from '../core/inertText';
import { Settings } from '../settings/settings';

// Every submit is a job billed to the account behind the provider's key, so the first one to
// each provider in a session is confirmed in a modal dialog. "Don't ask again" is remembered per
// provider (global state, all windows); turning `mjTasks.confirmSubmits` on again forgets it.

const REMEMBERED_KEY = 'mjTasks.submitWithoutAsking';

export class SubmitConsent implements vscode.Disposable {
  private readonly confirmedThisSession = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly settings: Settings,
  ) {
    this.subscription = settings.onDidChange((keys) => {
      if (keys.has('confirmSubmits') && settings.get('confirmSubmits')) {
        this.confirmedThisSession.clear();
        void this.memento.update(REMEMBERED_KEY, undefined);
      }
    });
  }

  /** True when the user agrees to send `what` to `provider` (or agreed before, for this provider). */
  async ask(provider: string, what: string): Promise<boolean> {
    if (!this.settings.get('confirmSubmits') || this.confirmedThisSession.has(provider) || this.remembered().includes(provider)) {
      return true;
    }
    const submit = vscode.l10n.t('Submit');
    const always = vscode.l10n.t("Submit, Don't Ask Again");
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Submit "{0}" to {1}?', what, plainText(provider)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'This sends one job to the server; it is billed to the account of this provider\'s API key. MJ Tasks then tracks the new task. "Don\'t ask again" is remembered for {0}; the setting mjTasks.confirmSubmits brings the question back.',
          plainText(provider),
        ),
      },
      submit,
      always,
    );
    if (choice === undefined) return false;
    this.confirmedThisSession.add(provider);
    if (choice === always) await this.memento.update(REMEMBERED_KEY, [...this.remembered(), provider]);
    return true;
  }

  private remembered(): string[] {
    const v = this.memento.get<unknown>(REMEMBERED_KEY);
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
