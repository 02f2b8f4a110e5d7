import * as assert from 'assert';
import { codeSnippet } from '../../src/codegen/codeSnippet';
import { CODE_LANGUAGES, CodeLanguage, SnippetServer } from '../../src/codegen/snippetTypes';
import { AuthScheme } from '../../src/core/types';
import type { Dialect, Simulator } from '../../src/simulator';
import { installed, pythonHas, runSnippet, SnippetRun, typeCheck } from './snippetRunner';
import { KEY, sim, waitFor } from './simulatorHelpers';

// Every generated snippet is run against the simulator in each dialect, whose auth differs
// (newapi Bearer, trueai the raw key, novicezk mj-api-secret): a button snippet must press U2 of
// a finished grid exactly once and wait until the upscale it made is done; a task snippet must
// poll a running task until it succeeds. The simulator refuses a wrong header (401) and any
// customId the parent does not have, so an accepted press proves the auth and the body; its
// request log proves how many requests came. The simulator is frozen: the test finishes tasks.

/** Under CI every tool must be there: curl through scripts/debianPackages.js, requests with the machine's python3. */
const TOOLS_REQUIRED = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);

const DIALECT_AUTH: ReadonlyArray<[Dialect, AuthScheme]> = [
  ['newapi', 'bearer'],
  ['trueai', 'raw'],
  ['novicezk', 'mj-api-secret'],
];

/** Why a language cannot run here ('' when it can). */
function missingTool(language: CodeLanguage): string {
  if (language.startsWith('python') && !installed('python3')) return 'python3';
  if (language === 'python-requests' && !pythonHas('requests')) return 'the Python module requests for the python3 on PATH (python3 -m pip install requests)';
  if (language === 'curl' && !installed('curl')) return 'curl';
  return '';
}

function runnable(): CodeLanguage[] {
  const missing = CODE_LANGUAGES.map((l) => [l, missingTool(l)] as const).filter(([, m]) => m);
  if (missing.length && TOOLS_REQUIRED) {
    throw new Error(`CI requires every snippet to run; missing: ${missing.map(([, m]) => m).join(', ')}`);
  }
  return CODE_LANGUAGES.filter((l) => !missingTool(l));
}

const fetchesOf = (s: Simulator, id: string) => s.requestLog().filter((r) => r.key === 'GET /mj/task/:id/fetch' && r.ids.includes(id)).length;

async function finish(run: SnippetRun, what: string): Promise<{ stdout: string; stderr: string }> {
  const r = await run.done;
  assert.strictEqual(r.code, 0, `${what} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

describe('codegen: every snippet runs against the simulator', function () {
  this.timeout(90_000);
  const env = { MJ_API_KEY: KEY };

  it('the TypeScript snippets type-check under strict (every auth scheme, button and task)', () => {
    const sources = (['bearer', 'raw', 'mj-api-secret', 'none'] as const).flatMap((auth) => [
      codeSnippet({ baseUrl: 'https://relay.example/mj', auth }, { kind: 'button', taskId: '1', customId: 'MJ::JOB::upsample::2::h' }, 'typescript'),
      codeSnippet({ baseUrl: 'https://relay.example/mj', auth }, { kind: 'task', taskId: '1' }, 'typescript'),
    ]);
    assert.strictEqual(typeCheck(sources), '');
  });

  for (const [dialect, auth] of DIALECT_AUTH) {
    describe(`${dialect} (${auth})`, () => {
      it('a button snippet in each language presses U2 once and waits until the upscale is done', async () => {
        const s = await sim({ dialect, frozen: true, now: Date.now });
        // /mj on the base must not become /mj/mj.
        const server: SnippetServer = { baseUrl: `${s.url}/mj/`, auth };
        await Promise.all(
          runnable().map(async (language) => {
            const parent = s.createTask({ prompt: `a ${language} cat`, status: 'SUCCESS' });
            const code = codeSnippet(server, { kind: 'button', taskId: parent, customId: `MJ::JOB::upsample::2::${hashOf(s, parent)}` }, language);
            assert.ok(!code.includes(KEY), `${language}: the key is in the snippet`);
            const run = runSnippet(language, code, env);
            let child = '';
            await waitFor(`${language}: the new task's ID`, () => {
              child = newTaskId(language, run.output());
              return child !== '' && (language === 'curl' || language === 'http' || fetchesOf(s, child) > 0);
            }, 30_000).catch((e: unknown) => {
              run.kill();
              throw e;
            });
            if (language !== 'curl' && language !== 'http') {
              s.completeTask(child, 'SUCCESS');
            }
            const out = await finish(run, language);
            assert.strictEqual((s.getTaskJson(child) as { action?: string }).action, 'UPSCALE', `${language}: ${out.stdout}`);
            if (language !== 'curl' && language !== 'http') {
              assert.match(out.stdout, /SUCCESS/, `${language}: ${out.stdout}`);
            }
          }),
        );
        // Exactly one press per run: a billed job is never sent twice.
        const presses = s.requestLog().filter((r) => r.key === 'POST /mj/submit/action').length;
        assert.strictEqual(presses, runnable().length, 'one POST /mj/submit/action per snippet run');
        assert.ok(!s.requestLog().some((r) => r.path.includes('/mj/mj/')), 'no doubled /mj');
      });
    });
  }

  // The loop's requests carry the same header as the press above, built by the same code.
  it('a task snippet in each language polls a running task until it succeeds', async () => {
    const s = await sim({ dialect: 'newapi', frozen: true, now: Date.now });
    const server: SnippetServer = { baseUrl: s.url, auth: 'bearer' };
    await Promise.all(
      runnable().map(async (language) => {
        const id = s.createTask({ prompt: `a ${language} dog`, status: 'IN_PROGRESS', progress: 40, frozen: true });
        const run = runSnippet(language, codeSnippet(server, { kind: 'task', taskId: id }, language), env);
        if (language !== 'http') {
          await waitFor(`${language}: the first fetch`, () => fetchesOf(s, id) > 0, 30_000).catch((e: unknown) => {
            run.kill();
            throw e;
          });
          s.completeTask(id, 'SUCCESS');
        }
        const out = await finish(run, language);
        assert.match(out.stdout, language === 'http' ? new RegExp(`"id"\\s*:\\s*"?${id}`) : /SUCCESS/, `${language}: ${out.stdout}`);
        // A .http block is one fetch; the loops fetched until the status stopped (twice at least).
        assert.ok(fetchesOf(s, id) >= (language === 'http' ? 1 : 2), `${language}: ${fetchesOf(s, id)} fetches`);
      }),
    );
  });

  it('the key comes from the environment: without MJ_API_KEY every snippet stops before it sends anything', async () => {
    const [dialect, auth] = DIALECT_AUTH[0];
    const s = await sim({ dialect, frozen: true, now: Date.now });
    const id = s.createTask({ status: 'SUCCESS' });
    await Promise.all(
      runnable().map(async (language) => {
        const r = await runSnippet(language, codeSnippet({ baseUrl: s.url, auth }, { kind: 'task', taskId: id }, language), {}).done;
        assert.notStrictEqual(r.code, 0, `${language} ran without a key: ${r.stdout}`);
      }),
    );
    // Each one stops before it sends: no request at all went out without the key.
    assert.deepStrictEqual(s.requestLog(), []);
  });

  it("a snippet made for another server's auth scheme is refused by the simulator (the check is real)", async () => {
    const s = await sim({ dialect: 'trueai', frozen: true, now: Date.now });
    const id = s.createTask({ status: 'SUCCESS' });
    const r = await runSnippet('javascript', codeSnippet({ baseUrl: s.url, auth: 'bearer' }, { kind: 'task', taskId: id }, 'javascript'), { MJ_API_KEY: KEY }).done;
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /HTTP 401/);
  });
});

/** The job hash in the parent's buttons (the simulator's own, per task). */
function hashOf(s: Simulator, id: string): string {
  const task = s.getTaskJson(id) as { buttons?: Array<{ customId?: string }> | null; properties?: { messageHash?: string } | null };
  const u2 = task.buttons?.find((b) => b.customId?.startsWith('MJ::JOB::upsample::2::'))?.customId;
  const hash = u2?.split('::')[4] ?? task.properties?.messageHash;
  assert.ok(hash, `no job hash on ${JSON.stringify(task).slice(0, 300)}`);
  return hash;
}

/** The ID of the task a press made, from what the snippet printed. */
function newTaskId(language: CodeLanguage, output: string): string {
  if (language === 'curl' || language === 'http') {
    const m = /"result"\s*:\s*"?(\d+)/.exec(output);
    return m ? m[1] : '';
  }
  const m = /Submitted:? (\d+)/.exec(output);
  return m ? m[1] : '';
}
