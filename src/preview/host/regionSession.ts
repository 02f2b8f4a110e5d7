import { RegionRequest } from '../shared/protocol';

/** What the webview sent for a region: the mask (unchecked yet), its claimed size, the prompt. */
export interface RegionDraft {
  width: number;
  height: number;
  mask: string;
  prompt: string;
}

/**
 * A Vary (Region) question open in the preview: what the editor is shown, what to do with the
 * user's answer. The preview only relays; the session checks and sends.
 */
export interface RegionSession {
  readonly request: RegionRequest;
  /** Checks and sends the answer; `sent: false` with the reason when nothing was sent. */
  submit(draft: RegionDraft): Promise<{ sent: boolean; reason: string }>;
  /** The editor closed (given up, replaced, or after the answer was sent); safe to call again. */
  cancel(): void;
}
