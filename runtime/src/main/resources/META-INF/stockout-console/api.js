// Calls to Stockout's administration API. The key is kept in this tab's session storage and sent as a bearer token:
// the API reads no cookie, so no other site can make the browser act with it.

const BASE = document.querySelector('meta[name="stockout-api"]').content;
const STORED_KEY = 'stockout.console.key';

export const keyStore = {
  get: () => sessionStorage.getItem(STORED_KEY),
  set: (key) => sessionStorage.setItem(STORED_KEY, key),
  clear: () => sessionStorage.removeItem(STORED_KEY),
};

/** A refusal of the API, with its problem+json body when it had one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem || typeof problem !== 'object') {
    return status === 0 ? 'The application did not answer.' : `The request failed (HTTP ${status}).`;
  }
  let text = `${problem.title || 'Refused'} (${problem.status || status})`;
  if (problem.detail) {
    text += `: ${problem.detail}`;
  }
  if (problem.field) {
    text += ` [field: ${problem.field}]`;
  }
  return text;
}

/** Builds a query string from the values given, leaving out empty ones. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One path segment, such as a catalog id or a SKU. */
export function segment(value) {
  return encodeURIComponent(value);
}

/** Calls the API at a path relative to /stockout/ and answers the parsed JSON; a refusal throws an ApiError. */
export async function api(method, path, body, key = keyStore.get()) {
  const headers = { Accept: 'application/json' };
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  const init = { method, headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}
