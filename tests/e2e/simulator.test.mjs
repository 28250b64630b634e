// End-to-end: the local host's simulator page in headless Chromium. A long-distance couple (Ana in
// Chicago, Sam in London) each get the evening question at 20:30 their own time, answer, see each
// other's answer, then get the weekly recap. HAPPYTOGETHER_URL points at a local host started with
// --dev-clock --demo --start 2027-01-04T15:00:00Z (scripts/test-suite.sh starts one), so nothing
// here depends on today's date. What differs between runs (the couple id, so the prompts drawn) is
// only compared with itself: both partners get the same prompt id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.HAPPYTOGETHER_URL ?? 'http://127.0.0.1:7071';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser;
let page;
// The text of Ana's weekly recap, for the week page test.
let anaRecapBody;

before(async () => {
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.setDefaultTimeout(15_000);
});

after(async () => {
  await browser?.close();
});

const phone = (name) => page.locator('.phone', { has: page.locator('.who', { hasText: name }) });
const texts = (name, kind) => phone(name).locator(`.msg.in[data-kind="${kind}"]`);
const lastText = (name) => phone(name).locator('.msg.in').last();

async function reply(name, text) {
  await phone(name).locator('.text').fill(text);
  await phone(name).locator('.send').click();
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'));
}

// Clicks a job button and waits until the page is no longer busy: the host answers only once all it set off is done.
async function run(button) {
  await page.click(button);
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'));
}

test('a long-distance couple answer at their own 20:30, see each other\'s answer, then get the weekly recap', async () => {
  await page.goto(`${base}/dev`);
  await phone('Ana').waitFor();
  await phone('Sam').waitFor();
  // The demo couple was invited and confirmed at start-up.
  await page.waitForFunction(() => document.querySelectorAll('.phone .msg.in[data-kind="confirmation"]').length === 2);
  assert.match(await phone('Ana').locator('.zone').innerText(), /^Chicago · /);
  assert.match(await phone('Sam').locator('.zone').innerText(), /^London · /);

  // London's 20:30 comes first: only Sam has the question.
  await run('#run-evening');
  await texts('Sam', 'evening').waitFor();
  assert.equal(await texts('Ana', 'evening').count(), 0);
  assert.match(await texts('Sam', 'evening').locator('time').innerText(), /^Mon 4 Jan, 20:30 · evening$/);
  await reply('Sam', 'The walk home, happy');
  await phone('Sam').locator('.msg.out', { hasText: 'The walk home, happy' }).waitFor();
  await phone('Sam').locator('.msg.in', { hasText: 'Got it: happy. Ana hasn\'t answered yet.' }).waitFor();

  // Six hours later it is 20:30 in Chicago: Ana gets the same question, in her own time.
  await run('#run-evening');
  await texts('Ana', 'evening').waitFor();
  assert.match(await texts('Ana', 'evening').locator('time').innerText(), /^Mon 4 Jan, 20:30 · evening$/);
  const promptForAna = await texts('Ana', 'evening').getAttribute('data-prompt');
  const promptForSam = await texts('Sam', 'evening').getAttribute('data-prompt');
  assert.ok(promptForAna, 'the evening text carries its prompt id');
  assert.equal(promptForAna, promptForSam, 'both partners get the same question');

  // Ana answers second: Sam's answer is the reply itself, one text instead of an acknowledgement and a reveal.
  await reply('Ana', 'Cooking together, calm');
  assert.equal(await phone('Ana').locator('.msg.in', { hasText: 'Got it: calm. Sam\'s answer: The walk home, happy' }).count(), 1);
  assert.equal(await texts('Ana', 'reveal').count(), 0);
  // It is 02:30 in London: Sam's reveal waits for his morning.
  assert.equal(await texts('Sam', 'reveal').count(), 0);

  // Sunday 19:00 London, then Sunday 19:00 Chicago. On the way, Sam's reveal came at 07:00 his time.
  await run('#run-recap');
  assert.equal(await phone('Sam').locator('.msg.in[data-kind="reveal"]', { hasText: 'Ana\'s answer: Cooking together, calm' }).count(), 1);
  assert.match(await texts('Sam', 'reveal').locator('time').innerText(), /^Tue 5 Jan, 07:00 · reveal$/);
  const samRecap = await texts('Sam', 'recap').innerText();
  assert.match(samRecap, /^You both answered 1 night this week\. You: happy\. Ana: calm\./);
  assert.match(samRecap, /Sun 10 Jan, 19:00 · recap$/);
  assert.equal(await texts('Ana', 'recap').count(), 0);
  // Newest at the bottom: the recap is the last text Sam received.
  assert.equal(await lastText('Sam').getAttribute('data-kind'), 'recap');
  await run('#run-recap');
  const anaRecap = await texts('Ana', 'recap').innerText();
  anaRecapBody = await texts('Ana', 'recap').locator('.body').innerText();
  assert.match(anaRecap, /^You both answered 1 night this week\. You: calm\. Sam: happy\./);
  assert.match(anaRecap, /Sun 10 Jan, 19:00 · recap$/);

  assert.equal(await lastText('Ana').getAttribute('data-kind'), 'recap');
  // Sam's Sunday evening question (20:30 London) came on the way to Ana's recap.
  assert.equal(await lastText('Sam').getAttribute('data-kind'), 'evening');
  await page.screenshot({ path: process.env.SCREENSHOT ?? join(tmpdir(), 'happytogether-simulator.png'), fullPage: true });
});

test('the recap ends with a link to the picture of the week: both partners\' mood words on the mood meter and the nights answered', async () => {
  assert.ok(anaRecapBody, 'the recap arrived');
  // The last part of the recap, on the host's own loopback address (its PublicBaseUrl).
  const link = anaRecapBody.split(' ').at(-1);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/api\/w\?[A-Za-z0-9_-]{43}$/);
  assert.ok(link.startsWith(`${base}/api/w?`), link);

  // A phone-sized window: the page is made to be read there.
  const week = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    const response = await week.goto(link);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-security-policy'], /^default-src 'none'/);
    assert.equal(response.headers()['cache-control'], 'no-store');
    assert.equal(await week.title(), 'Your week with Sam');
    await week.locator('svg.meter').waitFor();
    assert.equal(await week.locator('svg.meter text.mine', { hasText: 'calm' }).count(), 1);
    assert.equal(await week.locator('svg.meter text.theirs', { hasText: 'happy' }).count(), 1);
    // The day-by-day table: Monday 4 January, both answered (Ana's US number reads the month first).
    const monday = week.locator('tr', { has: week.locator('th', { hasText: 'Mon, Jan 4' }) });
    const [mine, theirs] = await monday.locator('td').allInnerTexts();
    assert.match(mine, /^calm/);
    assert.match(theirs, /^happy/);
    assert.deepEqual(await week.locator('.nights li').allInnerTexts(), ['You: 1', 'Sam: 1', 'Both of you: 1']);
    // Never an answer's text.
    assert.doesNotMatch(await week.content(), /Cooking together|The walk home/);

    const screenshot = process.env.WEEK_SCREENSHOT
      ?? join(process.env.SCREENSHOT ? dirname(process.env.SCREENSHOT) : tmpdir(), 'week-page.png');
    await week.screenshot({ path: screenshot, fullPage: true });
    console.log(`Week page screenshot: ${screenshot}`);
  } finally {
    await week.close();
  }
});
