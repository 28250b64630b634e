// The two-phone simulator: polls the outbox and state, posts replies and clock moves. Each phone shows
// its texts in its own partner's local time; the header shows the clock in UTC and in every partner's zone.
const phones = new Map();
const status = document.getElementById('status');
let state = { partners: [], sent: [], devClock: false };
let busy = 0;

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || `${url} answered ${response.status}`);
  return data;
}

// "Mon 4 Jan, 20:30" in the given IANA zone.
function localTime(utc, timeZone) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(utc));
}

const city = (timeZone) => timeZone.split('/').pop().replaceAll('_', ' ');

// Marks the page busy while a button's work runs on the host, so nobody clicks twice or reads a half-done state.
async function whileBusy(label, work) {
  busy++;
  document.body.setAttribute('aria-busy', 'true');
  status.textContent = label;
  updateButtons();
  try {
    return await work();
  } catch (error) {
    status.textContent = error.message;
    return undefined;
  } finally {
    // Show what the work produced before the page stops being busy.
    await refresh().catch((error) => { status.textContent = error.message; });
    busy--;
    if (busy === 0) document.body.removeAttribute('aria-busy');
    updateButtons();
  }
}

function updateButtons() {
  for (const button of document.querySelectorAll('[data-slot], [data-advance], #jump-go')) button.disabled = busy > 0 || !state.devClock;
  for (const button of document.querySelectorAll('.send')) button.disabled = busy > 0;
}

function phoneFor(partner) {
  if (phones.has(partner.phone)) return phones.get(partner.phone);
  const node = document.getElementById('phone-template').content.firstElementChild.cloneNode(true);
  node.dataset.key = partner.key;
  node.querySelector('.who').textContent = partner.name;
  node.querySelector('.number').textContent = partner.phone;
  node.querySelector('.compose').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = node.querySelector('.text');
    const body = input.value;
    if (!body) return;
    input.value = '';
    await whileBusy('Sending…', async () => {
      await call('POST', '/dev/sms', { from: partner.phone, body });
      status.textContent = '';
    });
  });
  document.getElementById('phones').appendChild(node);
  phones.set(partner.phone, node);
  return node;
}

function render(node, partner, items) {
  node.querySelector('.zone').textContent = `${city(partner.timeZone)} · ${localTime(state.utc, partner.timeZone)}`;
  const list = node.querySelector('.messages');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.className = `msg ${item.direction}`;
    if (item.kind) li.dataset.kind = item.kind;
    if (item.promptId) li.dataset.prompt = item.promptId;
    const body = document.createElement('span');
    body.className = 'body';
    body.textContent = item.body;
    const time = document.createElement('time');
    time.dateTime = item.utc;
    time.textContent = localTime(item.utc, partner.timeZone) + (item.kind ? ` · ${item.kind}` : '');
    li.append(body, time);
    return li;
  }));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function refresh() {
  const [fresh, outbox] = await Promise.all([call('GET', '/dev/state'), call('GET', '/dev/outbox')]);
  state = fresh;
  const zones = [...new Set((state.partners || []).map((p) => p.timeZone))];
  document.getElementById('clock').textContent = [
    `UTC ${new Date(state.utc).toISOString().replace('T', ' ').slice(0, 16)}`,
    ...zones.map((zone) => `${city(zone)} ${localTime(state.utc, zone)}`),
  ].join('  ·  ');
  updateButtons();
  for (const partner of state.partners || []) {
    const received = outbox.filter((t) => t.to === partner.phone).map((t) => ({ ...t, direction: 'in' }));
    const sent = state.sent.filter((s) => s.from === partner.phone).map((s) => ({ ...s, direction: 'out' }));
    render(phoneFor(partner), partner, [...received, ...sent].sort((a, b) => new Date(a.utc) - new Date(b.utc)));
  }
}

function moveClock(request) {
  return whileBusy('Running what falls due…', async () => {
    const result = await request();
    status.textContent = `Clock at ${result.utc}; ${result.ticks} scheduler tick(s) ran.`;
  });
}

for (const button of document.querySelectorAll('[data-slot]')) {
  button.addEventListener('click', () => moveClock(() => call('POST', `/dev/run/${button.dataset.slot}`)));
}
for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () => moveClock(() => call('POST', '/dev/clock', { advance: button.dataset.advance })));
}
document.getElementById('jump-go').addEventListener('click', () => {
  const value = document.getElementById('jump').value;
  if (value) moveClock(() => call('POST', '/dev/clock', { utc: new Date(value + 'Z').toISOString() }));
});

refresh().catch((error) => { status.textContent = error.message; });
setInterval(() => { if (busy === 0) refresh().catch((error) => { status.textContent = error.message; }); }, 1000);
