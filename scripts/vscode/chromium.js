// Debian's Chromium, driven through playwright-core.
'use strict';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Headless Chromium as seen working here (Playwright makes the profile itself). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian's Chromium through playwright-core, headless. Signals are ours to handle (the callers close
 * the browser in their own shutdown); Playwright still kills it if the process exits.
 */
async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, launchChromium };
