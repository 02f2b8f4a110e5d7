// How a notification's buttons run, without `vscode`, so it is tested in plain Node. The notifier
// fires its notices without awaiting them; whatever goes wrong must end here, not as an unhandled
// rejection that nobody sees.

/** A button on a notification and what pressing it does. */
export interface NoticeAction {
  readonly label: string;
  run(): PromiseLike<unknown>;
}

/** Where failures go: every one to the log; the user hears of an action they asked for that failed. */
export interface NoticeFailureReport {
  log(message: string): void;
  tellUser(actionLabel: string, reason: string): void;
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Shows a notice with one button per action and runs the one the user pressed. Always resolves:
 * a notice that could not be shown is logged, an action that failed is logged and reported.
 */
export async function offerActions(
  show: (labels: string[]) => PromiseLike<string | undefined>,
  actions: readonly NoticeAction[],
  report: NoticeFailureReport,
): Promise<void> {
  let choice: string | undefined;
  try {
    choice = await show(actions.map((a) => a.label));
  } catch (e) {
    report.log(`Could not show a notification: ${reasonOf(e)}`);
    return;
  }
  const action = actions.find((a) => a.label === choice);
  if (!action) {
    return;
  }
  try {
    await action.run();
  } catch (e) {
    report.log(`The notification button "${action.label}" failed: ${reasonOf(e)}`);
    report.tellUser(action.label, reasonOf(e));
  }
}
