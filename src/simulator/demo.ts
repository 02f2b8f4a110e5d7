import type { SimContext } from './context';
import { pinned, stateAt } from './lifecycle';
import type { SimTask, Timeline } from './taskModel';
import type { InFlightStatus, NewTask } from './simTaskStore';
import type { DemoTask } from './types';

// The tasks a demo starts with: one in each state the dialect really has, some still moving so a
// watcher sees progress and a transition to SUCCESS within the first minute (at speed 1).
// Durations are long on purpose — someone is opening VS Code meanwhile — and scale with speed
// like everything else. Per dialect: novicezk has no MODAL and no CANCEL, so it
// gets a finished BLEND where the others wait in a Custom Zoom window, and no cancelled task;
// trueai declares CANCEL (its own cancel route reports FAILURE "取消任务") and new-api passes
// upstream's status through, so both show one. Only they have video: a finished VIDEO (Animate of
// the upscale) with clips a <video> element plays. In a frozen simulator the moving ones stay
// where they start until a test moves them, and their roles say so instead of when they finish.

function moving(ctx: SimContext, status: InFlightStatus, progress: number, durationMs: number): Timeline {
  return ctx.store.inFlight(status, progress, durationMs, 'SUCCESS', '');
}

/** What a moving task does next: `when` (at speed 1), or in a frozen simulator nothing until told. */
function next(ctx: SimContext, when: string): string {
  return ctx.store.frozen ? 'held until a test moves it' : when;
}

/** What an /imagine of `prompt` is before its timeline: a grid, described as the command typed. */
function imagine(prompt: string): Pick<NewTask, 'action' | 'result' | 'prompt' | 'description'> {
  return { action: 'IMAGINE', result: 'grid', prompt, description: `/imagine ${prompt}` };
}

export function seedDemo(ctx: SimContext, speed: number): DemoTask[] {
  const now = ctx.now();
  const min = 60_000;
  const store = ctx.store;
  const out: { task: SimTask; role: string }[] = [];

  const grid = store.add({
    ...imagine('a lighthouse on a cliff at golden hour, watercolor, soft light --ar 1:1'),
    submitTime: now - 9 * min,
    timeline: pinned('SUCCESS', 100, now - 9 * min + 2_000, now - 8 * min, null),
  });
  out.push({ task: grid, role: 'finished IMAGINE grid (press U1–U4, V1–V4, 🔄)' });

  const u2 = `MJ::JOB::upsample::2::${grid.hash}`;
  const upscale = store.add({
    action: 'UPSCALE',
    result: 'single',
    prompt: grid.prompt,
    promptEn: grid.promptEn,
    finalPrompt: grid.finalPrompt,
    description: `/up ${grid.id} U2`,
    parentId: grid.id,
    customId: u2,
    index: 2,
    palette: grid.palette,
    quadrant: 2,
    submitTime: now - 7 * min,
    timeline: pinned('SUCCESS', 100, now - 7 * min + 1_000, now - 7 * min + 6_000, null),
  });
  // Handed out as a Discord attachment link, as most relays do, living about a day like theirs:
  // the preview and the tooltip say how long it has left.
  upscale.linkExpiresAt = now - 7 * min + 24 * 60 * min;
  grid.children.set(u2, upscale.id);
  out.push({ task: upscale, role: `finished UPSCALE (U2 of the grid: vary, zoom, pan${ctx.dialect === 'trueai' ? ', animate' : ''} buttons; a Discord-style link that expires in about a day)` });

  if (ctx.dialect !== 'novicezk') {
    // trueai: what Animate (High motion) on the upscale gives; new-api shows the same job as its
    // upstream reports it (new-api itself submits videos through /mj/submit/video).
    const animate = `MJ::JOB::animate_high::1::${upscale.hash}::SOLO`;
    const video = store.add({
      action: 'VIDEO',
      result: 'video',
      prompt: grid.prompt,
      promptEn: grid.promptEn,
      finalPrompt: `${grid.finalPrompt} --motion high --video 1`,
      description: `/animate ${upscale.id} high`,
      parentId: upscale.id,
      customId: animate,
      palette: upscale.palette,
      quadrant: upscale.quadrant,
      submitTime: now - 6.5 * min,
      timeline: pinned('SUCCESS', 100, now - 6.5 * min + 1_000, now - 6.5 * min + 40_000, null),
    });
    upscale.children.set(animate, video.id);
    out.push({ task: video, role: 'finished VIDEO (Animate of the upscale: four 2 s clips, video U1–U4)' });
  }

  const describe = store.add({
    action: 'DESCRIBE',
    result: 'describe',
    prompt: '',
    description: '/describe',
    submitTime: now - 6 * min,
    timeline: pinned('SUCCESS', 100, now - 6 * min + 1_500, now - 6 * min + 5_000, null),
  });
  describe.description = `/describe ${describe.id}.png`;
  out.push({ task: describe, role: 'DESCRIBE result (four prompts, PicReader buttons)' });

  const failed = store.add({
    ...imagine('photorealistic battlefield, extreme gore, close-up --v 6.1'),
    submitTime: now - 5 * min,
    timeline: pinned(
      'FAILURE',
      null,
      now - 5 * min + 1_200,
      now - 5 * min + 2_500,
      '[Banned prompt detected] It looks like your prompt may violate our community standards. Please rephrase your prompt and try again.',
    ),
  });
  out.push({ task: failed, role: 'FAILURE (banned prompt)' });

  if (ctx.dialect !== 'novicezk') {
    const cancelled = store.add({
      ...imagine('a koi pond in a zen garden, ink wash painting --ar 2:3'),
      submitTime: now - 4 * min,
      timeline: pinned('CANCEL', null, now - 4 * min + 1_500, now - 3 * min, null),
    });
    out.push({
      task: cancelled,
      role: ctx.dialect === 'trueai' ? 'CANCEL (cancelled while running; trueai declares the state)' : 'CANCEL (cancelled upstream while running, passed through)',
    });
  }

  const running = store.add({
    ...imagine('赛博朋克风格的上海外滩夜景，霓虹灯，雨夜 --ar 16:9'),
    timeline: moving(ctx, 'IN_PROGRESS', 31, (90_000) / speed),
  });
  out.push({ task: running, role: `IN_PROGRESS, ${next(ctx, 'still moving')} (Chinese prompt)` });

  const v3 = `MJ::JOB::variation::3::${grid.hash}`;
  const variation = store.add({
    action: 'VARIATION',
    result: 'grid',
    prompt: grid.prompt,
    promptEn: grid.promptEn,
    finalPrompt: grid.finalPrompt,
    description: `/variation ${grid.id} V3`,
    parentId: grid.id,
    customId: v3,
    index: 3,
    timeline: moving(ctx, 'IN_PROGRESS', 62, 60_000 / speed),
  });
  grid.children.set(v3, variation.id);
  out.push({ task: variation, role: `VARIATION at 62 %, ${next(ctx, 'finishes in ~17 s (×1 speed)')}` });

  // Accepted by Discord but not started: SUBMITTED for 21 s, then it runs and succeeds (~2 min).
  const submitted = store.add({
    ...imagine('hot air balloons over Cappadocia at sunrise, film photo --ar 3:2'),
    timeline: moving(ctx, 'SUBMITTED', 0, 140_000 / speed),
  });
  out.push({ task: submitted, role: `SUBMITTED (waiting for a free slot), ${next(ctx, 'starts in ~21 s (×1 speed)')}` });

  const queued = store.add({
    ...imagine('isometric cozy bookshop interior, warm lamps, rainy evening --ar 3:2 --niji 6'),
    mode: 'RELAX',
    timeline: moving(ctx, 'NOT_START', 0, 120_000 / speed),
  });
  out.push({ task: queued, role: `queued (NOT_START), ${next(ctx, 'starts in ~12 s (×1 speed)')}` });

  if (ctx.dialect === 'novicezk') {
    // novicezk has no MODAL state (no windows to confirm): a finished BLEND, which it does have.
    const blend = store.add({
      action: 'BLEND',
      result: 'grid',
      prompt: '',
      promptEn: '<https://s.mj.run/blend1> <https://s.mj.run/blend2>',
      description: '/blend',
      submitTime: now - 2 * min,
      timeline: pinned('SUCCESS', 100, now - 2 * min + 1_000, now - 2 * min + 12_000, null),
    });
    blend.description = `/blend ${blend.id} 2`;
    out.push({ task: blend, role: 'finished BLEND of two images (novicezk has no MODAL state)' });
  } else {
    const zoomId = `MJ::CustomZoom::${upscale.hash}`;
    const modal = store.add({
      action: ctx.dialect === 'newapi' ? 'CUSTOM_ZOOM' : 'ZOOM',
      result: 'grid',
      prompt: grid.prompt,
      promptEn: grid.promptEn,
      finalPrompt: grid.finalPrompt,
      description: `/zoom ${upscale.id}`,
      parentId: upscale.id,
      customId: zoomId,
      submitDescription: 'Waiting for window confirm',
      timeline: pinned('MODAL', 0, null, null, null),
    });
    upscale.children.set(zoomId, modal.id);
    out.push({ task: modal, role: 'MODAL (Custom Zoom, waiting for /mj/submit/modal)' });
  }

  return out.map(({ task, role }) => ({ id: task.id, role, status: stateAt(task, now).status }));
}
