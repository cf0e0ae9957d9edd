// The console's pages. Each renders into the element given, from the administration API only, and shows a control
// that writes only to a key whose role allows it.
import { api, query, segment } from './api.js';
import { chartFigure } from './charts.js';
import { el, field, fill, percent, select, table, when } from './view.js';

const OFFER_KINDS = ['BACKORDER', 'PICKUP', 'SUBSTITUTE'];
const OFFER_NAMES = { BACKORDER: 'Backorder', PICKUP: 'Pickup at a store', SUBSTITUTE: 'Substitute in stock' };
const POLICIES = ['BACKORDER', 'SUBSTITUTE', 'BACKORDER_OR_SUBSTITUTE', 'PICKUP_ONLY', 'NONE'];
const SOURCES = [['PIN', 'a pin'], ['RULE', "one of the catalog's rules"], ['DEFAULT_RULE', 'a default rule'], ['NO_RULE', 'no rule']];

function catalogPath(ctx, rest = '') {
  return `catalogs/${segment(ctx.catalog)}${rest}`;
}

function noCatalog(root) {
  root.append(el('h1', { text: 'No catalog' }), el('p', { text: 'This key reaches no catalog yet.' }));
}

/** Runs a write: the button is disabled meanwhile, the outcome shown as a status or an error. */
async function act(ctx, button, work) {
  if (button) {
    button.disabled = true;
  }
  ctx.error(null);
  try {
    const message = await work();
    if (message) {
      ctx.status(message);
    }
    return true;
  } catch (error) {
    ctx.error(error);
    return false;
  } finally {
    if (button && button.isConnected) {
      button.disabled = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------- catalogs

async function renderCatalogs(root, ctx) {
  await ctx.reload();
  const rows = ctx.session.catalogs;
  root.append(el('h1', { text: 'Catalogs' }),
    el('p', { class: 'hint', text: 'Switching Stockout off for a catalog takes effect at once: availability answers then say what ships now and offer nothing for missing units.' }));
  const columns = [
    ['Catalog', (c) => c.id],
    ['Name', (c) => c.name],
    ['Stockout', (c) => toggle(ctx, c)],
    ['Sales stopped', (c) => (c.forcedOutOfStock ? 'yes: every SKU is out of stock' : 'no')],
    ['Offers, in order', (c) => el('span', { 'data-testid': `offers-${c.id}`, text: (c.offerKinds || []).join(', ') || 'none' })],
  ];
  root.append(table('Catalogs this key reaches', columns, rows, { 'data-testid': 'catalogs-table' }, (c) => ({ 'data-catalog': c.id })));
  if (ctx.catalog) {
    root.append(offerOrder(ctx, rows.find((c) => c.id === ctx.catalog)));
  }
}

function toggle(ctx, catalog) {
  const state = el('span', { class: 'state', 'data-testid': `active-${catalog.id}`, text: catalog.active ? 'On' : 'Off' });
  if (!ctx.may('ADMIN', catalog.id)) {
    return state;
  }
  const id = `toggle-${catalog.id}`;
  const input = el('input', { type: 'checkbox', role: 'switch', id, 'data-testid': id, checked: catalog.active });
  input.addEventListener('change', async () => {
    const active = input.checked;
    const done = await act(ctx, input, async () => {
      const saved = await api('PUT', `catalogs/${segment(catalog.id)}`, { active });
      catalog.active = saved.active;
      return `Stockout is now ${saved.active ? 'on' : 'off'} for catalog ${catalog.id}.`;
    });
    if (!done) {
      input.checked = !active;
    }
    state.textContent = input.checked ? 'On' : 'Off';
  });
  return el('span', { class: 'switch' }, input,
    el('label', { for: id }, el('span', { class: 'visually-hidden', text: `Stockout for catalog ${catalog.id}: ` }), state));
}

function offerOrder(ctx, catalog) {
  const section = el('section', { 'aria-labelledby': 'offers-title', 'data-testid': 'offer-order-section' },
    el('h2', { id: 'offers-title', text: `Offers of catalog ${catalog.id}` }),
    el('p', { class: 'hint', text: 'Which offers a shopper sees for missing units, in the order shown; a change applies to the next availability answer.' }));
  const enabled = catalog.offerKinds || [];
  const kinds = enabled.concat(OFFER_KINDS.filter((k) => !enabled.includes(k)));
  const writable = ctx.may('ADMIN');
  const list = el('ol', { id: 'offer-order', class: 'offer-order', 'data-testid': 'offer-order' });
  for (const kind of kinds) {
    const item = el('li', { 'data-kind': kind });
    if (writable) {
      const box = el('input', { type: 'checkbox', id: `offer-${kind}`, 'data-testid': `offer-${kind}`, checked: enabled.includes(kind) });
      item.append(box, el('label', { for: box.id, text: OFFER_NAMES[kind] }),
        el('button', { type: 'button', class: 'small', 'data-testid': `offer-up-${kind}`, 'aria-label': `Move ${OFFER_NAMES[kind]} up`, text: '↑', onclick: (e) => move(list, item, -1, e.currentTarget) }),
        el('button', { type: 'button', class: 'small', 'data-testid': `offer-down-${kind}`, 'aria-label': `Move ${OFFER_NAMES[kind]} down`, text: '↓', onclick: (e) => move(list, item, 1, e.currentTarget) }));
    } else {
      item.append(el('span', { text: `${OFFER_NAMES[kind]}${enabled.includes(kind) ? '' : ' (not offered)'}` }));
    }
    list.append(item);
  }
  section.append(list);
  if (writable) {
    const save = el('button', { type: 'button', id: 'save-offer-order', 'data-testid': 'save-offer-order', text: 'Save offers' });
    save.addEventListener('click', () => act(ctx, save, async () => {
      const offerKinds = [...list.children]
        .filter((item) => item.querySelector('input').checked)
        .map((item) => item.dataset.kind);
      const saved = await api('PUT', `catalogs/${segment(catalog.id)}`, { offerKinds });
      catalog.offerKinds = saved.offerKinds;
      const shown = document.querySelector(`[data-testid="offers-${catalog.id}"]`);
      if (shown) {
        shown.textContent = saved.offerKinds.join(', ') || 'none';
      }
      return `Catalog ${catalog.id} now offers: ${saved.offerKinds.join(', ') || 'nothing'}.`;
    }));
    section.append(save);
  }
  return section;
}

function move(list, item, step, button) {
  const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling) {
    return;
  }
  if (step < 0) {
    list.insertBefore(item, sibling);
  } else {
    list.insertBefore(sibling, item);
  }
  button.focus();
}

// -------------------------------------------------------------------------------------------------------------- SKUs

const skuState = { policy: '', source: '', sku: '', after: null, previous: [] };

async function renderSkus(root, ctx) {
  if (!ctx.catalog) {
    return noCatalog(root);
  }
  root.append(el('h1', { text: `SKUs of catalog ${ctx.catalog}` }),
    el('p', { class: 'hint', text: 'Each SKU\u2019s out-of-stock action, and the rule or pin that chose it. A pin is the merchant\u2019s choice: no rule overrides it.' }));

  const policy = select({ 'data-testid': 'sku-filter-policy' }, [['', 'any']].concat(POLICIES), skuState.policy);
  const source = select({ 'data-testid': 'sku-filter-source' }, [['', 'anything']].concat(SOURCES), skuState.source);
  const sku = el('input', { type: 'search', 'data-testid': 'sku-find', value: skuState.sku, autocomplete: 'off' });
  const form = el('form', { class: 'filters', 'data-testid': 'sku-filters' },
    field('Action', policy), field('Chosen by', source), field('One SKU', sku),
    el('button', { type: 'submit', 'data-testid': 'sku-filter-apply', text: 'Show SKUs' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(skuState, { policy: policy.value, source: source.value, sku: sku.value.trim(), after: null, previous: [] });
    ctx.rerender();
  });
  root.append(form);

  let rows;
  let next = null;
  if (skuState.sku) {
    rows = [await api('GET', catalogPath(ctx, `/skus/${segment(skuState.sku)}`))];
  } else {
    const page = await api('GET', catalogPath(ctx, `/skus${query({ policy: skuState.policy, source: skuState.source, after: skuState.after, limit: 50 })}`));
    rows = page.skus;
    next = page.next;
  }
  const columns = [
    ['SKU', (s) => s.sku],
    ['Name', (s) => s.name],
    ['Action', (s) => el('span', { 'data-testid': `policy-${s.sku}`, text: s.policy })],
    ['Chosen by', (s) => `${s.source}${s.rule ? ` '${s.rule}'` : ''}`],
    ['Why', (s) => el('span', { 'data-testid': `reason-${s.sku}`, text: s.reason })],
  ];
  if (ctx.may('WRITE')) {
    columns.push(['Pin', (s) => pinControls(ctx, s)]);
  }
  root.append(table('SKUs', columns, rows, { 'data-testid': 'skus-table' }, (s) => ({ 'data-sku': s.sku })));
  root.append(pager(ctx, skuState, next, 'skus'));
  root.append(await dryRun(ctx));
}

function pinControls(ctx, sku) {
  const choice = select({ 'data-testid': `pin-policy-${sku.sku}`, 'aria-label': `Action to pin on SKU ${sku.sku}` }, POLICIES, sku.policy);
  const pin = el('button', { type: 'button', class: 'small', 'data-testid': `pin-${sku.sku}`, text: 'Pin', 'aria-label': `Pin the chosen action on SKU ${sku.sku}` });
  pin.addEventListener('click', () => act(ctx, pin, async () => {
    const saved = await api('PUT', catalogPath(ctx, `/skus/${segment(sku.sku)}/pin`), { policy: choice.value });
    ctx.rerender();
    return `SKU ${saved.sku} is pinned to ${saved.policy}: ${saved.reason}`;
  }));
  const controls = el('span', { class: 'row' }, choice, pin);
  if (sku.source === 'PIN') {
    const unpin = el('button', { type: 'button', class: 'small', 'data-testid': `unpin-${sku.sku}`, text: 'Unpin', 'aria-label': `Unpin SKU ${sku.sku}` });
    unpin.addEventListener('click', () => act(ctx, unpin, async () => {
      const saved = await api('DELETE', catalogPath(ctx, `/skus/${segment(sku.sku)}/pin`));
      ctx.rerender();
      return `SKU ${saved.sku} is no longer pinned: ${saved.policy}, ${saved.reason}`;
    }));
    controls.append(unpin);
  }
  return controls;
}

/** Next and first page buttons for a keyset list whose state holds `after` and the cursors before it. */
function pager(ctx, state, next, name) {
  const nav = el('div', { class: 'pager', role: 'group', 'aria-label': 'Pages' });
  const pageNumber = state.previous.length + 1;
  nav.append(el('span', { 'data-testid': `${name}-page`, text: `Page ${pageNumber}` }));
  if (state.previous.length > 0) {
    nav.append(el('button', { type: 'button', 'data-testid': `${name}-first`, text: 'First page', onclick: () => {
      state.after = null;
      state.previous = [];
      ctx.rerender();
    } }));
  }
  if (next) {
    nav.append(el('button', { type: 'button', 'data-testid': `${name}-next`, text: 'Next page', onclick: () => {
      state.previous.push(state.after);
      state.after = next;
      ctx.rerender();
    } }));
  }
  return nav;
}

async function dryRun(ctx) {
  const current = await api('GET', catalogPath(ctx, '/segmentation/rules'));
  const section = el('section', { 'aria-labelledby': 'rules-title', 'data-testid': 'rules-section' },
    el('h2', { id: 'rules-title', text: 'Segmentation rules' }),
    el('p', { class: 'hint', text: current.defaults
      ? 'The catalog uses the default rules. Edit them below and try them: a dry run shows which SKUs would change, and changes nothing.'
      : 'The catalog\u2019s own rules. Edit them below and try them: a dry run shows which SKUs would change, and changes nothing.' }));
  const rules = el('textarea', { rows: '12', spellcheck: 'false', 'data-testid': 'rules-json', class: 'code' });
  rules.value = JSON.stringify(current.rules, null, 2);
  const result = el('div', { 'data-testid': 'dry-run-result', 'aria-live': 'polite' });
  const tryButton = el('button', { type: 'button', 'data-testid': 'dry-run', text: 'Dry run' });
  tryButton.addEventListener('click', () => act(ctx, tryButton, async () => {
    const run = await api('POST', catalogPath(ctx, '/segmentation/dry-run'), parseRules(rules.value));
    fill(result, changesOf(run, 'would change'));
    return `Dry run: ${run.changed} of ${run.evaluated} SKUs would change their action.`;
  }));
  const buttons = el('div', { class: 'row' }, tryButton);
  if (ctx.may('ADMIN')) {
    const save = el('button', { type: 'button', 'data-testid': 'save-rules', text: 'Save these rules' });
    save.addEventListener('click', () => act(ctx, save, async () => {
      const changed = await api('PUT', catalogPath(ctx, '/segmentation/rules'), parseRules(rules.value));
      fill(result, changesOf(changed, 'changed'));
      return `Rules saved: ${changed.changed} SKUs changed their action.`;
    }));
    buttons.append(save);
    if (!current.defaults) {
      const back = el('button', { type: 'button', 'data-testid': 'default-rules', text: 'Back to the default rules' });
      back.addEventListener('click', () => act(ctx, back, async () => {
        await api('DELETE', catalogPath(ctx, '/segmentation/rules'));
        ctx.rerender();
        return 'The default rules apply again.';
      }));
      buttons.append(back);
    }
  }
  section.append(field('Rules, as a JSON list in order (the first that matches a SKU decides)', rules), buttons, result);
  return section;
}

function parseRules(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`The rules are not valid JSON: ${e.message}`);
  }
}

function changesOf(run, verb) {
  const changes = run.changes || [];
  return [
    el('p', { 'data-testid': 'dry-run-summary', text: `${run.evaluated} SKUs evaluated; ${run.changed} ${verb} their action${changes.length < run.changed ? ` (the first ${changes.length} are listed)` : ''}.` }),
    table('SKUs whose action changes', [
      ['SKU', (c) => c.sku], ['From', (c) => c.from], ['To', (c) => c.to], ['Rule', (c) => c.rule || c.source], ['Why', (c) => c.reason],
    ], changes, { 'data-testid': 'dry-run-changes' }, (c) => ({ 'data-sku': c.sku })),
  ];
}

// -------------------------------------------------------------------------------------------------------- backorders

const backorderState = { status: '', sku: '', orderId: '', pastDue: false, slipped: false, limit: '25', after: null, previous: [] };

async function renderBackorders(root, ctx) {
  if (!ctx.catalog) {
    return noCatalog(root);
  }
  root.append(el('h1', { text: `Backorders of catalog ${ctx.catalog}` }));
  const s = backorderState;
  const status = select({ 'data-testid': 'bo-status' }, [['', 'any'], 'OPEN', 'ALLOCATED', 'FULFILLED', 'CANCELLED'], s.status);
  const sku = el('input', { type: 'text', 'data-testid': 'bo-sku', value: s.sku, autocomplete: 'off' });
  const order = el('input', { type: 'text', 'data-testid': 'bo-order', value: s.orderId, autocomplete: 'off' });
  const pastDue = el('input', { type: 'checkbox', 'data-testid': 'bo-past-due', checked: s.pastDue });
  const slipped = el('input', { type: 'checkbox', 'data-testid': 'bo-slipped', checked: s.slipped });
  const limit = select({ 'data-testid': 'bo-limit' }, ['25', '100', '500'], s.limit);
  const form = el('form', { class: 'filters', 'data-testid': 'bo-filters' },
    field('Status', status), field('SKU', sku), field('Order', order),
    field('Past due only', pastDue), field('Slipped only', slipped), field('Per page', limit),
    el('button', { type: 'submit', 'data-testid': 'bo-apply', text: 'Show backorders' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(s, { status: status.value, sku: sku.value.trim(), orderId: order.value.trim(), pastDue: pastDue.checked, slipped: slipped.checked, limit: limit.value, after: null, previous: [] });
    ctx.rerender();
  });
  root.append(form);

  const page = await api('GET', catalogPath(ctx, `/backorders${query({ status: s.status, sku: s.sku, orderId: s.orderId, pastDue: s.pastDue, slipped: s.slipped, after: s.after, limit: s.limit })}`));
  const detail = el('div', { 'data-testid': 'bo-detail', 'aria-live': 'polite' });
  const columns = [
    ['Id', (b) => String(b.id)],
    ['Order', (b) => b.orderId],
    ['SKU', (b) => b.sku],
    ['Units', (b) => String(b.quantity)],
    ['Allocated', (b) => String(b.allocated)],
    ['Status', (b) => b.status],
    ['Promised', (b) => b.promisedDate],
    ['Slipped', (b) => (b.slips > 0 ? `${b.slips}×: ${b.firstPromisedDate} → ${b.promisedDate}` : 'no')],
    ['Past due', (b) => (b.pastDue ? `since ${b.pastDueSince}` : 'no')],
    ['Confidence', (b) => percent(b.confidence)],
    ['Supply', (b) => [b.inboundReference, b.supplier].filter(Boolean).join(' · ') || b.basis],
    ['', (b) => el('button', { type: 'button', class: 'small', 'data-testid': `bo-show-${b.id}`, 'aria-label': `Details of backorder ${b.id}`, text: 'Details', onclick: (e) => showBackorder(ctx, b.id, detail, e.currentTarget) })],
  ];
  root.append(el('p', { 'data-testid': 'bo-count', text: `${page.backorders.length} backorder${page.backorders.length === 1 ? '' : 's'} on this page.` }));
  root.append(table('Backorders', columns, page.backorders, { 'data-testid': 'bo-table' }, (b) => ({ 'data-backorder': String(b.id), 'data-order': b.orderId, 'data-sku': b.sku, 'data-status': b.status })));
  root.append(pager(ctx, s, page.next, 'bo'), detail);
}

async function showBackorder(ctx, id, detail, button) {
  await act(ctx, button, async () => {
    const b = await api('GET', catalogPath(ctx, `/backorders/${id}`));
    fill(detail, el('h2', { tabindex: '-1', text: `Backorder ${b.id}: order ${b.orderId}, ${b.quantity} × ${b.sku}` }),
      el('p', { text: `${b.status}; promised ${b.promisedDate} (first ${b.firstPromisedDate}), basis ${b.basis}, confidence ${percent(b.confidence)}.` }),
      table('Promise moves', [['From', (x) => x.previousDate], ['To', (x) => x.promisedDate], ['Basis', (x) => x.basis], ['Inbound', (x) => x.inboundReference], ['Past due', (x) => (x.pastDue ? 'yes' : 'no')], ['When', (x) => when(x.slippedAt)]], b.slipHistory || []),
      table('Allocations', [['Receipt', (x) => x.receiptId], ['Location', (x) => x.location], ['Units', (x) => String(x.quantity)], ['When', (x) => when(x.allocatedAt)]], b.allocations || []));
    detail.querySelector('h2').focus();
    return null;
  });
}

// ----------------------------------------------------------------------------------------------------------- metrics

async function renderMetrics(root, ctx) {
  if (!ctx.catalog) {
    return noCatalog(root);
  }
  const [figures, history, tolerances, breaches, changes] = await Promise.all([
    api('GET', catalogPath(ctx, '/metrics')),
    api('GET', catalogPath(ctx, '/metrics/history?days=90')),
    api('GET', catalogPath(ctx, '/tolerances')),
    api('GET', catalogPath(ctx, '/tolerances/breaches')),
    allChanges(ctx),
  ]);
  root.append(el('h1', { text: `Metrics of catalog ${ctx.catalog}` }),
    el('p', { class: 'hint', text: `Figures of ${figures.day}; the charts show the daily snapshots of the last 90 days and the catalog-wide tolerances (dashed).` }));

  const limit = (metric) => {
    const found = tolerances.find((t) => t.scope === 'CATALOG' && t.metric === metric);
    return found ? { value: found.limit, label: `Tolerance (${found.action === 'PAUSE_BACKORDERS' ? 'pauses backorders' : 'alert'})` } : null;
  };
  const days = history.days;
  const labels = days.map((d) => d.day);
  const unitsByDay = new Map(days.map((d) => [d.day, d.openUnits]));
  const growth = days.map((d) => {
    const weekAgo = new Date(`${d.day}T00:00:00Z`);
    weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
    const before = unitsByDay.get(weekAgo.toISOString().substring(0, 10));
    return before ? (d.openUnits - before) / before : null;
  });
  const takeUp = (window, kind) => (figures.takeUp && figures.takeUp[window] ? figures.takeUp[window][kind].share : null);
  const accuracy = (window) => (figures.accuracy && figures.accuracy[window] ? figures.accuracy[window].share : null);

  root.append(el('dl', { class: 'figures', 'data-testid': 'figures' },
    el('dt', { text: 'Open backorders' }), el('dd', { 'data-testid': 'figure-open', text: `${figures.open.count} (${figures.open.units} units)` }),
    el('dt', { text: 'Past due' }), el('dd', { 'data-testid': 'figure-past-due', text: `${figures.pastDue.count} (${percent(figures.pastDue.ratio)})` }),
    el('dt', { text: 'Growth, week over week' }), el('dd', { text: percent(figures.growth.weekOverWeek) }),
    el('dt', { text: 'Promises kept, 30 days' }), el('dd', { text: percent(accuracy('30d')) }),
    el('dt', { text: 'Breached now' }), el('dd', { 'data-testid': 'figure-breaches', text: breaches.length === 0 ? 'none' : breaches.map((b) => `${b.metric}${b.sku ? ` (${b.sku})` : ''}`).join(', ') })));

  const charts = [
    chartFigure({ id: 'chart-open', title: 'Open backorders', labels, series: [{ label: 'Open units', values: days.map((d) => d.openUnits) }, { label: 'Open backorders', values: days.map((d) => d.openCount) }], tolerance: limit('MAX_OPEN_UNITS') }),
    chartFigure({ id: 'chart-growth', title: 'Growth of open units, week over week', labels, series: [{ label: 'Growth', values: growth }], tolerance: limit('MAX_GROWTH'), percent: true }),
    chartFigure({ id: 'chart-past-due', title: 'Past due share of open backorders', labels, series: [{ label: 'Past due', values: days.map((d) => (d.openCount ? d.pastDueCount / d.openCount : null)) }], tolerance: limit('MAX_PAST_DUE_RATIO'), percent: true }),
    chartFigure({ id: 'chart-accuracy', title: 'Promises kept, by window ending today', labels: ['90 days', '30 days', '7 days'], series: [{ label: 'Kept', values: [accuracy('90d'), accuracy('30d'), accuracy('7d')] }], tolerance: limit('MIN_PROMISE_ACCURACY'), percent: true, kind: 'bar' }),
    chartFigure({ id: 'chart-take-up', title: 'Offers taken, by window ending today', labels: ['30 days', '7 days'], series: OFFER_KINDS.map((k) => ({ label: OFFER_NAMES[k], values: [takeUp('30d', k.toLowerCase()), takeUp('7d', k.toLowerCase())] })), note: 'Take-up has no tolerance: it measures shoppers, not promises.', percent: true, kind: 'bar' }),
  ];
  root.append(el('div', { class: 'charts' }, charts));

  root.append(el('h2', { text: 'Pauses and resumes' }),
    table('Tolerance changes, newest first', [
      ['When', (c) => when(c.at)],
      ['Change', (c) => c.change],
      ['Scope', (c) => (c.sku ? `SKU ${c.sku}` : c.scope)],
      ['Figure', (c) => c.metric],
      ['Action', (c) => c.action],
      ['Value', (c) => String(c.value)],
      ['Limit', (c) => String(c.limit)],
    ], changes.slice().reverse(), { 'data-testid': 'tolerance-changes' }));
  // the charts take their size from the page, so they are drawn once it shows them
  root.draw = () => charts.forEach((chart) => chart.draw());
}

async function allChanges(ctx) {
  const all = [];
  let after = 0;
  for (let pages = 0; pages < 10; pages += 1) {
    const page = await api('GET', catalogPath(ctx, `/tolerances/changes${query({ after, limit: 1000 })}`));
    all.push(...page.changes);
    if (!page.next) {
      break;
    }
    after = page.next;
  }
  return all;
}

// ------------------------------------------------------------------------------------------------------------ supply

const inboundState = { sku: '', status: 'OPEN', after: null, previous: [] };

async function renderSupply(root, ctx) {
  if (!ctx.catalog) {
    return noCatalog(root);
  }
  root.append(el('h1', { text: `Supply of catalog ${ctx.catalog}` }));
  const s = inboundState;
  const sku = el('input', { type: 'text', 'data-testid': 'inbound-sku', value: s.sku, autocomplete: 'off' });
  const status = select({ 'data-testid': 'inbound-status' }, [['', 'any'], 'OPEN', 'RECEIVED', 'CLOSED', 'CANCELLED'], s.status);
  const form = el('form', { class: 'filters', 'data-testid': 'inbound-filters' }, field('SKU', sku), field('Status', status),
    el('button', { type: 'submit', 'data-testid': 'inbound-apply', text: 'Show purchase-order lines' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(s, { sku: sku.value.trim(), status: status.value, after: null, previous: [] });
    ctx.rerender();
  });
  root.append(el('h2', { text: 'Inbound purchase-order lines' }), form);
  const [inbound, suppliers] = await Promise.all([
    api('GET', catalogPath(ctx, `/inbound${query({ sku: s.sku, status: s.status, after: s.after, limit: 50 })}`)),
    api('GET', catalogPath(ctx, '/suppliers?limit=1000')),
  ]);
  root.append(
    table('Purchase-order lines', [
      ['Reference', (l) => l.reference], ['SKU', (l) => l.sku], ['Units', (l) => String(l.quantity)], ['Received', (l) => String(l.received)],
      ['Expected', (l) => l.expectedDate], ['First expected', (l) => l.firstExpectedDate], ['Supplier', (l) => l.supplier],
      ['Location', (l) => l.location], ['Status', (l) => l.status],
    ], inbound.lines, { 'data-testid': 'inbound-table' }, (l) => ({ 'data-reference': l.reference })),
    pager(ctx, s, inbound.next, 'inbound'));

  const rows = suppliers.suppliers;
  const chart = chartFigure({ id: 'chart-suppliers', title: 'Deliveries on time, by supplier', labels: rows.map((r) => r.code), series: [{ label: 'On time', values: rows.map((r) => r.onTimeShare) }], note: 'Suppliers have no tolerance; promises add each one\u2019s delay allowance.', percent: true, kind: 'bar' });
  root.append(el('h2', { text: 'Suppliers' }),
    table('Suppliers and their deliveries', [
      ['Supplier', (r) => r.code], ['Name', (r) => r.name], ['Lead time (days)', (r) => (r.leadTimeDays ?? '')],
      ['Deliveries measured', (r) => String(r.receipts)], ['On time', (r) => percent(r.onTimeShare)],
      ['Delay allowance (days)', (r) => (r.delayAllowanceDays ?? '')], ['Confidence', (r) => percent(r.confidence)],
    ], rows, { 'data-testid': 'suppliers-table' }, (r) => ({ 'data-supplier': r.code })),
    chart);
  root.draw = () => chart.draw();
}

// ---------------------------------------------------------------------------------------------------------- API keys

async function renderKeys(root, ctx) {
  root.append(el('h1', { text: 'API keys' }));
  if (!ctx.session.hasRole('ADMIN')) {
    root.append(el('p', { text: 'Managing keys needs the ADMIN role.' }));
    return;
  }
  const self = ctx.session.self;
  const secretBox = el('div', { 'data-testid': 'new-key', 'aria-live': 'assertive' });
  const name = el('input', { type: 'text', 'data-testid': 'key-name', required: true, maxlength: '100', autocomplete: 'off' });
  const role = select({ 'data-testid': 'key-role' }, ['READ', 'WRITE', 'ADMIN'], 'READ');
  const reach = el('fieldset', { class: 'catalog-choice' }, el('legend', { text: 'Catalogs it reaches' }));
  const all = el('input', { type: 'checkbox', id: 'key-all-catalogs', 'data-testid': 'key-all-catalogs' });
  if (!self.catalogs) {
    reach.append(el('div', { class: 'field inline' }, all, el('label', { for: all.id, text: 'All catalogs, including those made later' })));
  }
  for (const catalog of ctx.session.catalogs) {
    const box = el('input', { type: 'checkbox', id: `key-catalog-${catalog.id}`, 'data-testid': `key-catalog-${catalog.id}`, value: catalog.id, checked: catalog.id === ctx.catalog });
    reach.append(el('div', { class: 'field inline' }, box, el('label', { for: box.id, text: catalog.id })));
  }
  const create = el('button', { type: 'submit', 'data-testid': 'key-create', text: 'Make key' });
  const form = el('form', { class: 'filters', 'data-testid': 'key-form' }, field('Name', name), field('Role', role), reach, create);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(ctx, create, async () => {
      const request = { name: name.value.trim(), role: role.value };
      if (!all.checked) {
        request.catalogs = [...reach.querySelectorAll('input[value]')].filter((b) => b.checked).map((b) => b.value);
      }
      const made = await api('POST', 'api-keys', request);
      showSecret(secretBox, made);
      await listKeys(ctx, list);
      return `Key ${made.key.id} made. Copy its secret now: it is not shown again.`;
    });
  });
  const list = el('div', { 'data-testid': 'keys-list' });
  root.append(el('h2', { text: 'Make a key' }), form, secretBox, el('h2', { text: 'Keys' }), list);
  await listKeys(ctx, list);
}

function showSecret(box, made) {
  const output = el('output', { id: 'new-key-secret', 'data-testid': 'new-key-secret', class: 'secret', text: made.secret });
  const done = el('button', { type: 'button', 'data-testid': 'new-key-done', text: 'I have stored it: hide it' });
  done.addEventListener('click', () => fill(box));
  fill(box, el('div', { class: 'notice', role: 'alert' },
    el('p', { text: `The secret of key ${made.key.id} (${made.key.name}). Store it now: Stockout keeps only its hash and cannot show it again.` }),
    output, done));
}

async function listKeys(ctx, list) {
  const keys = await api('GET', 'api-keys');
  const columns = [
    ['Id', (k) => k.id], ['Name', (k) => k.name], ['Role', (k) => k.role],
    ['Catalogs', (k) => (k.catalogs ? k.catalogs.join(', ') : 'all')],
    ['Made', (k) => `${when(k.createdAt)} by ${k.createdBy}`], ['Last used', (k) => when(k.lastUsedAt)],
    ['Revoked', (k) => when(k.revokedAt)],
    ['', (k) => (k.revokedAt ? '' : revokeButton(ctx, k, list))],
  ];
  fill(list, table('API keys this key manages', columns, keys, { 'data-testid': 'keys-table' }, (k) => ({ 'data-key': k.id })));
}

function revokeButton(ctx, key, list) {
  const button = el('button', { type: 'button', class: 'small danger', 'data-testid': `revoke-${key.id}`, 'aria-label': `Revoke key ${key.id} (${key.name})`, text: 'Revoke' });
  button.addEventListener('click', () => act(ctx, button, async () => {
    await api('DELETE', `api-keys/${segment(key.id)}`);
    await listKeys(ctx, list);
    return `Key ${key.id} is revoked: it is refused from now on.`;
  }));
  return button;
}

/** Goes back to the first page of every list: a place in one catalog's list means nothing in another's. */
export function toFirstPages() {
  for (const state of [skuState, backorderState, inboundState]) {
    state.after = null;
    state.previous = [];
  }
}

/** The pages by the name in the address (#/name). */
export const PAGES = {
  catalogs: { title: 'Catalogs', render: renderCatalogs },
  skus: { title: 'SKUs', render: renderSkus },
  backorders: { title: 'Backorders', render: renderBackorders },
  metrics: { title: 'Metrics', render: renderMetrics },
  supply: { title: 'Supply', render: renderSupply },
  keys: { title: 'API keys', render: renderKeys },
};
