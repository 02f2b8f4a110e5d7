import { parseTaskIdInput } from '../core/taskIdInput';
import { sampleId } from './sampleTasks';
import { medianOf } from './stats';

/** Parsing a paste of `n` IDs, one a line, with every tenth pasted twice (de-duplication included). */
export async function measureParseInput(n = 100_000): Promise<{ parse100kMs: number; ids: number }> {
  const lines = Array.from({ length: n }, (_, i) => sampleId(i % 10 === 9 ? i - 1 : i));
  const text = lines.join('\n');
  let ids = 0;
  const parse100kMs = await medianOf(3, () => {
    ids = parseTaskIdInput(text).ids.length;
  });
  return { parse100kMs, ids };
}
