// The merchant console: sign in with an API key, then pages over Stockout's administration API.
import { api, ApiError, keyStore, query } from './api.js';
import { el, fill } from './view.js';
import { PAGES, toFirstPages } from './pages.js';

const ROLES = ['READ', 'WRITE', 'ADMIN'];
const STORED_CATALOG = 'stockout.console.catalog';

const $ = (id) => document.getElementById(id);

/** What the signed-in key is and may do, and the catalog the pages show. */
const session = {
  self: null,
  catalogs: [],
  catalog: null,

  /** Whether the key has at least this role on the catalog (the one shown when none is given). */
  may(role, catalog = this.catalog) {
    if (!this.self) {
      return false;
    }
    const reaches = !this.self.catalogs || this.self.catalogs.includes(catalog);
    return reaches && ROLES.indexOf(this.self.role) >= ROLES.indexOf(role);
  },

  /** Whether the key has the role on at least one catalog: what managing keys needs. */
  hasRole(role) {
    return !!this.self && ROLES.indexOf(this.self.role) >= ROLES.indexOf(role);
  },
};

function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    fill(box);
    return;
  }
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  fill(box, el('strong', { text: 'Error: ' }), message);
  box.hidden = false;
  if (error instanceof ApiError && error.status === 401 && session.self) {
    // the key was revoked or is no longer valid: nothing more can be done with it
    signOut('The key was refused; sign in again.');
  }
}

function showStatus(text) {
  fill($('status'), text || '');
}

/** Every catalog the key reaches, page after page. */
async function loadCatalogs() {
  const catalogs = [];
  let after = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await api('GET', `catalogs${query({ limit: 1000, after })}`);
    catalogs.push(...page.catalogs);
    if (!page.next || page.catalogs.length === 0) {
      break;
    }
    after = page.next;
  }
  session.catalogs = catalogs;
  return catalogs;
}

function renderCatalogChoice() {
  const choice = $('catalog-select');
  fill(choice, session.catalogs.map((c) => el('option', { value: c.id, selected: c.id === session.catalog, text: c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id })));
  choice.disabled = session.catalogs.length === 0;
}

async function signIn(key) {
  const self = await api('GET', 'api-keys/self', undefined, key);
  keyStore.set(key);
  session.self = self;
  await loadCatalogs();
  const remembered = sessionStorage.getItem(STORED_CATALOG);
  session.catalog = session.catalogs.some((c) => c.id === remembered)
    ? remembered
    : (session.catalogs[0] ? session.catalogs[0].id : null);
  renderCatalogChoice();
  const reach = self.catalogs ? `catalogs ${self.catalogs.join(', ')}` : 'all catalogs';
  fill($('who'), `${self.name} · ${self.role} on ${reach}`);
  $('who').dataset.role = self.role;
  $('session').hidden = false;
  $('nav').hidden = false;
  $('nav-keys').hidden = !session.hasRole('ADMIN');
  $('sign-in').hidden = true;
  $('key-input').value = '';
}

function signOut(message) {
  keyStore.clear();
  sessionStorage.removeItem(STORED_CATALOG);
  session.self = null;
  session.catalogs = [];
  session.catalog = null;
  fill($('page'));
  fill($('who'));
  $('session').hidden = true;
  $('nav').hidden = true;
  $('sign-in').hidden = false;
  showStatus(message || 'Signed out.');
  $('key-input').focus();
}

function currentPage() {
  const match = /^#\/([a-z-]+)/.exec(window.location.hash);
  const name = match ? match[1] : 'catalogs';
  return PAGES[name] ? name : 'catalogs';
}

let rendering = 0;
let rendered = 0;

/** Shows the page of the address; moves the focus to its heading when the merchant chose it. */
async function route(focus) {
  if (!session.self) {
    return;
  }
  const name = currentPage();
  const page = PAGES[name];
  const ticket = ++rendering;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${name}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${page.title} · Stockout console`;
  showError(null);
  const root = $('page');
  root.dataset.page = name;
  root.setAttribute('aria-busy', 'true');
  const content = el('div', { class: 'page', 'data-testid': `page-${name}` });
  try {
    await page.render(content, context());
    if (ticket !== rendering) {
      return;
    }
    fill(root, content);
    if (content.draw) {
      content.draw();
    }
    root.dataset.ready = name;
    // tells a reader of the page (and tests) that this is a new rendering of it
    rendered += 1;
    root.dataset.renders = String(rendered);
    if (focus) {
      const heading = root.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  } catch (error) {
    if (ticket === rendering) {
      // what the page showed before the refusal stays, its filters above all: they are how the merchant recovers
      fill(root, content);
      showError(error);
    }
  } finally {
    root.removeAttribute('aria-busy');
  }
}

function context() {
  return {
    session,
    catalog: session.catalog,
    may: (role, catalog) => session.may(role, catalog),
    error: showError,
    status: showStatus,
    reload: async () => {
      await loadCatalogs();
      renderCatalogChoice();
    },
    rerender: () => route(false),
  };
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('key-input').value.trim();
  showError(null);
  showStatus('Signing in…');
  try {
    await signIn(key);
    showStatus(`Signed in as ${session.self.name}.`);
    await route(true);
  } catch (error) {
    keyStore.clear();
    showStatus('');
    showError(error);
  }
});

$('sign-out').addEventListener('click', () => signOut());

// the pages live in the address's fragment: the skip link moves the focus without changing it
$('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  $('main').focus();
});

$('catalog-select').addEventListener('change', (event) => {
  session.catalog = event.target.value;
  sessionStorage.setItem(STORED_CATALOG, session.catalog);
  toFirstPages();
  route(false);
});

window.addEventListener('hashchange', () => {
  if (window.location.hash.startsWith('#/')) {
    route(true);
  }
});

async function start() {
  const key = keyStore.get();
  if (!key) {
    $('sign-in').hidden = false;
    return;
  }
  try {
    await signIn(key);
    await route(false);
  } catch (error) {
    keyStore.clear();
    $('sign-in').hidden = false;
    showError(error);
  }
}

start();
