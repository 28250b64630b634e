// End-to-end: the local host's simulator page in headless Chromium. Reply as both partners, see the
// reveal, run the weekly job, see the recap. HAPPYTOGETHER_URL points at a local host started with
// --dev-clock --demo (scripts/test-suite.sh starts one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.HAPPYTOGETHER_URL ?? 'http://127.0.0.1:7071';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser;
let page;

before(async () => {
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
});

after(async () => {
  await browser?.close();
});

const phone = (name) => page.locator('.phone', { has: page.locator('.who', { hasText: name }) });
const lastText = (name) => phone(name).locator('.msg.in').last();

async function reply(name, text) {
  await phone(name).locator('.text').fill(text);
  await phone(name).locator('.send').click();
}

test('two partners answer, see each other\'s answer, then get the weekly recap', async () => {
  await page.goto(`${base}/dev`);
  await assert.doesNotReject(phone('Ana').waitFor());
  await phone('Sam').waitFor();
  // The demo couple was invited and confirmed at start-up.
  await page.waitForFunction(() => document.querySelectorAll('.phone .msg.in[data-kind="confirmation"]').length === 2);

  await page.click('#run-evening');
  await page.waitForFunction(() => document.querySelectorAll('.phone .msg.in[data-kind="evening"]').length === 2);
  const questionForAna = await phone('Ana').locator('.msg[data-kind="evening"]').last().innerText();
  const questionForSam = await phone('Sam').locator('.msg[data-kind="evening"]').last().innerText();
  assert.equal(questionForAna.split('\n')[0], questionForSam.split('\n')[0], 'both partners get the same question');

  await reply('Ana', 'Cooking together, calm');
  await phone('Ana').locator('.msg.out', { hasText: 'Cooking together, calm' }).waitFor();
  await phone('Ana').locator('.msg.in', { hasText: 'Got it: calm. Sam hasn\'t answered yet.' }).waitFor();

  await reply('Sam', 'The walk home, happy');
  await phone('Sam').locator('.msg.in', { hasText: 'Got it: happy. Ana answered too' }).waitFor();
  await phone('Ana').locator('.msg.in[data-kind="reveal"]', { hasText: 'Sam\'s answer: The walk home, happy' }).waitFor();
  await phone('Sam').locator('.msg.in[data-kind="reveal"]', { hasText: 'Ana\'s answer: Cooking together, calm' }).waitFor();

  await page.click('#run-recap');
  await phone('Ana').locator('.msg.in[data-kind="recap"]').waitFor();
  const recap = await phone('Ana').locator('.msg.in[data-kind="recap"]').last().innerText();
  assert.match(recap, /^Your week with Sam: You: calm\. Sam: happy\. Both checked in 1\/7 nights\./);
  await phone('Sam').locator('.msg.in[data-kind="recap"]', { hasText: 'You: happy. Ana: calm.' }).waitFor();

  // Newest at the bottom: the recap is the last text Ana received.
  assert.equal(await lastText('Ana').getAttribute('data-kind'), 'recap');
  await page.screenshot({ path: process.env.SCREENSHOT ?? join(tmpdir(), 'happytogether-simulator.png'), fullPage: true });
});
