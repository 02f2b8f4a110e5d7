// The bits of scripts/vscode-server.js (a plain JS module) the harness uses, typed.
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { ROOT } from './constants';

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  pid: number;
  dataDir: string;
  userDataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface ServerLib {
  launchChromium(): Promise<Browser>;
  ensureInstalled(o?: { browser?: boolean }): void;
  startCodeServer(o: {
    dataDir: string;
    workspace?: string;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    smokeTestDriver?: boolean;
    link?: boolean;
  }): Promise<RunningServer>;
  mjTasksSettings(baseUrl: string, name?: string): Record<string, unknown>;
  writeDevSetup(file: string, setup: { keys?: Record<string, string>; track?: Record<string, string[]> }): string;
  processesMentioning(needle: string): string[];
  claimRunDir(dir: string): string;
  seconds(start: number): string;
}

export function serverLib(): ServerLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'scripts', 'vscode-server.js')) as ServerLib;
}
