import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';

// Every user-visible string exists in English and Simplified Chinese. The strings are extracted
// afresh from the sources, so a string added without its translation fails here, not in review.

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

function readJson(rel: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
}

function messageOf(v: unknown): string {
  return typeof v === 'string' ? v : ((v as { message?: string })?.message ?? '');
}

describe('localisation', function () {
  this.timeout(60_000);

  it('has a Chinese translation for every runtime string in the sources', async () => {
    const files = sourceFiles(path.join(root, 'src')).map((f) => ({
      extension: path.extname(f),
      contents: fs.readFileSync(f, 'utf8'),
    }));
    const extracted = await getL10nJson(files);
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');
    const missing = Object.keys(extracted).filter((k) => !messageOf(zh[k]).trim());
    assert.deepStrictEqual(missing, [], `strings without a Chinese entry in l10n/bundle.l10n.zh-cn.json (run npm run l10n, then translate)`);
    const stale = Object.keys(zh).filter((k) => !(k in extracted));
    assert.deepStrictEqual(stale, [], 'Chinese entries for strings no longer in the sources');
  });

  it('keeps the placeholders of every string in its translation', () => {
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');
    const broken = Object.entries(zh).filter(([en, v]) => {
      const holes = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      return holes(en) !== holes(messageOf(v));
    });
    assert.deepStrictEqual(broken.map(([k]) => k), []);
  });

  it('has every package.json %key% in package.nls.json and package.nls.zh-cn.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepStrictEqual(keys.filter((k) => !messageOf(en[k])), [], 'missing in package.nls.json');
    assert.deepStrictEqual(keys.filter((k) => !messageOf(zh[k])), [], 'missing in package.nls.zh-cn.json');
    assert.deepStrictEqual(Object.keys(en).filter((k) => !keys.includes(k)), [], 'unused keys in package.nls.json');
    assert.deepStrictEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys in package.nls.zh-cn.json but not in package.nls.json');
  });
});
