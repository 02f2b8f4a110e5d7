// Prompt-driven behaviour. Triggers are plain words in the prompt so a demo user or a test can
// provoke each outcome through the ordinary submit endpoint:
//   `--banned`   the submit is refused with code 24 (banned prompt); no task is created
//   `fail`       (anywhere, so `--fail` too) the task runs, then ends in FAILURE; with `nsfw` the
//                reason is `[Banned prompt detected] …`, otherwise `[Invalid parameter] …`
//   `--bigid`    the task gets a 19-digit ID (newapi's numeric `result` then loses digits in a double)

export function isBannedAtSubmit(prompt: string): boolean {
  return /--banned\b/i.test(prompt);
}

export function wantsBigId(prompt: string): boolean {
  return /--bigid\b/i.test(prompt);
}

/** The Discord-style failure reason the prompt asks for, or null when it should succeed. */
export function failReasonFor(prompt: string): string | null {
  if (!/fail/i.test(prompt)) return null;
  if (/nsfw/i.test(prompt)) {
    return '[Banned prompt detected] It looks like your prompt may violate our community standards. Please rephrase your prompt and try again.';
  }
  return '[Invalid parameter] Unrecognized parameter(s): `--fail`';
}

/** Proxies translate non-English prompts before sending them to Discord (baidu/GPT translator). */
const TRANSLATIONS: Record<string, string> = {
  '赛博朋克风格的上海外滩夜景，霓虹灯，雨夜 --ar 16:9':
    'Cyberpunk style night view of the Bund in Shanghai, neon lights, rainy night --ar 16:9',
  '水墨画风格的山间小屋，薄雾，清晨': 'A cabin in the mountains in ink painting style, light mist, early morning',
};

const CJK = /[\u3400-\u9fff]/;

/** English prompt; an unknown Chinese prompt stays as it is (a proxy without a translator). */
export function translate(prompt: string): string {
  if (!CJK.test(prompt)) return prompt;
  return TRANSLATIONS[prompt.trim()] ?? prompt;
}

/** What Midjourney reports it ran: the English prompt with the default model version. */
export function finalPromptFor(promptEn: string): string {
  return /--(v|version|niji)\b/.test(promptEn) ? promptEn : `${promptEn} --v 7`;
}

const DESCRIBE_SETS: readonly (readonly string[])[] = [
  [
    'A small wooden lighthouse on a grassy cliff at golden hour, warm light, watercolor illustration, soft edges',
    'Minimalist poster of a lighthouse and the sea, orange and blue palette, flat shapes, calm atmosphere',
    'A cozy coastal scene with a lighthouse, gentle waves, children\'s book illustration style, pastel colors',
    'Lighthouse at sunset with birds flying over the ocean, painterly texture, serene, wide shot',
  ],
  [
    'A white haired anime boy with blue eyes and a small white dog, soft sunlight, anime style, aesthetic',
    'Cute character portrait in anime style, black sweatshirt, blurred sunny background, gentle expression',
    'An anime illustration of a boy and his dog in a park, calm and happy mood, pastel lighting',
    'White haired anime boy with blue eyes and a puppy, simple composition, cute, high detail',
  ],
  [
    'Geometric abstract shapes on a gradient background, circle diamond triangle and rings, bold colors',
    'Four panel abstract composition with simple shapes, Bauhaus inspired, flat vector art',
    'Colorful minimalist icons arranged in a grid, soft gradients, modern graphic design',
    'Abstract poster with a circle, a diamond, a triangle and concentric rings, vibrant palette',
  ],
];

export function describePromptsFor(palette: number): string[] {
  return DESCRIBE_SETS[palette % DESCRIBE_SETS.length].map((p) => `${p} --ar 1:1`);
}

const EMOJI_NUMBERS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣'];

/** DESCRIBE's promptEn: the four numbered descriptions, as Midjourney formats them. */
export function describeText(prompts: readonly string[]): string {
  return prompts.map((p, i) => `${EMOJI_NUMBERS[i]} ${p} `).join('\n\n').trimEnd();
}

export const EMOJI_NUMBER = EMOJI_NUMBERS;

const SHORTEN_EMOJI = [...EMOJI_NUMBERS, '5️⃣'];

/** /shorten's five options: the prompt's words, fewer each time (parameters such as --ar kept). */
export function shortenOptionsFor(prompt: string): string[] {
  const params = prompt.match(/\s--\S+(?:\s+[^-\s]\S*)?/g)?.join('') ?? '';
  const words = prompt.replace(/\s--\S+(?:\s+[^-\s]\S*)?/g, '').split(/[\s,]+/).filter(Boolean);
  return [0.9, 0.75, 0.6, 0.45, 0.3].map((share) => `${words.slice(0, Math.max(1, Math.ceil(words.length * share))).join(' ')}${params}`.trim());
}

/** SHORTEN's promptEn as Midjourney formats it: the important tokens, then the numbered options. */
export function shortenText(prompt: string, options: readonly string[]): string {
  const tokens = prompt.split(/[\s,]+/).filter((w) => w.length > 3 && !w.startsWith('--')).slice(0, 8);
  return `**IMPORTANT TOKENS**\n${tokens.join(', ')}\n\n**SHORTENED OPTIONS**\n${options.map((o, i) => `${SHORTEN_EMOJI[i]} ${o}`).join('\n\n')}`;
}

export const SHORTEN_OPTION_EMOJI = SHORTEN_EMOJI;
