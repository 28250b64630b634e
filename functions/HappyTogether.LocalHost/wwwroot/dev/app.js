// The two-phone simulator: polls the outbox and state, posts replies and clock moves.
const phones = new Map();
const status = document.getElementById('status');

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
    try {
      await call('POST', '/dev/sms', { from: partner.phone, body });
      await refresh();
    } catch (error) {
      status.textContent = error.message;
    }
  });
  document.getElementById('phones').appendChild(node);
  phones.set(partner.phone, node);
  return node;
}

function render(node, items) {
  const list = node.querySelector('.messages');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.className = `msg ${item.direction}`;
    if (item.kind) li.dataset.kind = item.kind;
    li.textContent = item.body;
    const time = document.createElement('time');
    time.textContent = new Date(item.utc).toISOString().replace('T', ' ').slice(0, 16) + (item.kind ? ` · ${item.kind}` : '');
    li.appendChild(time);
    return li;
  }));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function refresh() {
  const [state, outbox] = await Promise.all([call('GET', '/dev/state'), call('GET', '/dev/outbox')]);
  document.getElementById('clock').textContent = new Date(state.utc).toISOString().replace('T', ' ').slice(0, 19);
  for (const button of document.querySelectorAll('[data-slot], [data-advance], #jump-go')) button.disabled = !state.devClock;
  for (const partner of state.partners || []) {
    const received = outbox.filter((t) => t.to === partner.phone).map((t) => ({ ...t, direction: 'in' }));
    const sent = state.sent.filter((s) => s.from === partner.phone).map((s) => ({ ...s, direction: 'out' }));
    render(phoneFor(partner), [...received, ...sent].sort((a, b) => new Date(a.utc) - new Date(b.utc)));
  }
}

async function moveClock(action) {
  status.textContent = 'Running what falls due…';
  try {
    const result = await action();
    status.textContent = `Clock at ${result.utc}; ${result.ticks} scheduler tick(s) ran.`;
  } catch (error) {
    status.textContent = error.message;
  }
  await refresh();
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

refresh();
setInterval(() => refresh().catch((error) => { status.textContent = error.message; }), 1000);
