import { scanTaskIds } from '../core/taskIdScan';
import { sampleId } from './sampleTasks';
import { medianOf } from './stats';

/**
 * A 10 000-line file of the kinds the editor scanner meets — code, log lines, task JSON, submit
 * responses, fetch URLs — with an ID on every other line and as many look-alikes (times,
 * snowflakes, hashes) as IDs.
 */
export function idScanSample(lines = 10_000): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const id = sampleId(i);
    switch (i % 8) {
      case 0:
        out.push(`2024-11-03 12:00:${String(i % 60).padStart(2, '0')},123 INFO submitted task ${id} in 1.25 s (trace 6dc7beb8-8310-4fd4-b46c-716b422ddffc)`);
        break;
      case 1:
        out.push(`    result = client.fetch_task(base_url, "${id}", timeout=30)  # retry after ${1730621826053 + i} ms`);
        break;
      case 2:
        out.push(`  {"id": "${id}", "submitTime": ${1730621826053 + i}, "messageId": "1302998174124941312", "status": "SUCCESS", "progress": "100%"},`);
        break;
      case 3:
        out.push(`{"code":1,"description":"Submit success","result":"${id}","properties":{"discordInstanceId":"1302998161411457026"}}`);
        break;
      case 4:
        out.push(`GET http://127.0.0.1:8080/mj/task/${id}/fetch → 200 ${i % 300} ms`);
        break;
      default:
        out.push(`    const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0); // line ${i}`);
    }
  }
  return out.join('\n');
}

/** Scanning all of a 10 000-line file at once: what a hover or a decoration would cost without the visible-range bound. */
export async function measureIdScan(): Promise<{ idScan10kLinesMs: number; ids: number }> {
  const text = idScanSample();
  let ids = 0;
  // The first scans run while V8 still interprets the patterns and the loop; an editor scans
  // on every scroll, so the figure is the steady state: warm-ups first, then the median.
  for (let i = 0; i < 5; i++) scanTaskIds(text);
  const idScan10kLinesMs = await medianOf(9, () => {
    ids = scanTaskIds(text).length;
  });
  return { idScan10kLinesMs, ids };
}
