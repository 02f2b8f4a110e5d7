import * as fs from 'fs';
import * as path from 'path';
import { codeOf } from './atomicFile';

// Small JSON files in a folder every window of one VS Code profile shares (the extension's global
// storage folder): the poll lease and the list of announced completions. Each write replaces the
// file whole through a temporary file and a rename, so a reader sees the old text or the new one,
// never half of either, whichever window writes at the same time.
//
// Synchronous on purpose: the files are a few hundred bytes, and a read and the write that follows
// it must not let another event of this window run in between.

export interface SmallFiles {
  /** The file's text; undefined when there is none. Throws on any other failure to read. */
  read(name: string): string | undefined;
  /** Replaces the file at once (temporary file + rename). Throws when it could not. */
  write(name: string, text: string): void;
}

let tempCounter = 0;

/** The files of `dir` (made on the first write). */
export function folderFiles(dir: string): SmallFiles {
  return {
    read(name) {
      try {
        return fs.readFileSync(path.join(dir, name), 'utf8');
      } catch (err) {
        if (codeOf(err) === 'ENOENT') {
          return undefined;
        }
        throw err;
      }
    },
    write(name, text) {
      fs.mkdirSync(dir, { recursive: true });
      // Unique per process and write: two windows never share a temporary file.
      const temp = path.join(dir, `${name}.${process.pid}.${++tempCounter}.tmp`);
      try {
        fs.writeFileSync(temp, text, 'utf8');
        fs.renameSync(temp, path.join(dir, name));
      } catch (err) {
        fs.rmSync(temp, { force: true });
        throw err;
      }
    },
  };
}
