// Failure reasons arrive as Discord or relay text ("[Banned prompt detected] It looks like…",
// "上游任务超时（超过1小时）"). The preview leads with what happened in plain words and keeps the
// server's text beneath it. Pure: the host turns the kind into a localized sentence.

export type FailureKind =
  | 'bannedPrompt'
  | 'invalidParameter'
  | 'upstreamTimeout'
  | 'queueFull'
  | 'cancelled'
  | 'internal'
  | 'other';

export interface FailureExplanation {
  kind: FailureKind;
  /** The server's text without a leading "[Tag]"; '' when it sent nothing. */
  detail: string;
}

const PATTERNS: ReadonlyArray<[RegExp, FailureKind]> = [
  [/banned prompt|banned word|community standards|violat|敏感词|违规/i, 'bannedPrompt'],
  [/invalid parameter|unrecognized parameter|参数/i, 'invalidParameter'],
  [/超时|timed? ?out/i, 'upstreamTimeout'],
  [/queue (is )?full|队列已满|too many (jobs|tasks)/i, 'queueFull'],
  [/cancel|取消/i, 'cancelled'],
  [/internal error|job encountered an error|内部错误/i, 'internal'],
];

export function explainFailure(reason: string | null | undefined): FailureExplanation {
  const text = (reason ?? '').trim();
  const tagged = /^\[([^\]]{1,80})\]\s*([\s\S]*)$/.exec(text);
  const detail = tagged ? tagged[2].trim() || tagged[1] : text;
  for (const [pattern, kind] of PATTERNS) {
    if (pattern.test(tagged ? tagged[1] : text)) {
      return { kind, detail };
    }
  }
  // A tag we do not know may still match in the body ("[Error] … timed out").
  if (tagged) {
    for (const [pattern, kind] of PATTERNS) {
      if (pattern.test(detail)) {
        return { kind, detail };
      }
    }
  }
  return { kind: 'other', detail };
}
