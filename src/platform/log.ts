import * as vscode from 'vscode';
import { plainText } from '../core/inertText';
import { maskSecrets } from '../core/secretMask';

/**
 * The "MJ Tasks" output channel. A LogOutputChannel, so the user picks the level with
 * "Developer: Set Log Level…" like any built-in channel. Secrets registered with `redact`
 * are masked in every line as a second line of defence: the client never hands keys to the log.
 * Escape sequences, bidi and other control characters never reach the channel (lines are kept).
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('MJ Tasks', { log: true });
  }

  redact(secret: string | undefined): void {
    if (secret && secret.length >= 4) {
      this.secrets.add(secret);
    }
  }

  /** Masked first (a key may hold characters plainText changes), then made plain: server text is quoted in log lines. */
  private clean(message: string): string {
    return plainText(maskSecrets(message, this.secrets), { keepLines: true });
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
