// Tracking tasks the way a user does: "MJ Tasks: Track Task…", the IDs typed in, and the provider
// question answered when there is one (another suite may have added a provider).
import { PROVIDER } from './constants';
import { runCommand } from './palette';
import { answerQuickInput, pickQuickInputRow, readQuickInputRows, waitForQuickInput } from './quickInput';
import { current } from './run';
import { waitFor } from './waitFor';

export async function trackTasks(text: string): Promise<void> {
  const page = current().page;
  await runCommand('MJ Tasks: Track Task…');
  await waitForQuickInput();
  await answerQuickInput(text);
  const asked = await waitFor(
    async () => {
      if ((await readQuickInputRows(page).catch((): string[] => [])).includes(PROVIDER)) return 'asked';
      return (await page.locator('.quick-input-widget').isVisible()) ? undefined : 'not asked';
    },
    'Track Task to finish or ask for the provider',
  );
  if (asked === 'asked') {
    await pickQuickInputRow(PROVIDER);
  }
}
