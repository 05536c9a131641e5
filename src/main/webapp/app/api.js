// The API client: every request the page makes goes through here, so the token, the error shape
// ({"detail": ...}), 401 and the rate-limit headers are handled in one place.

const TOKEN_KEY = 'parley.token';

/** Things every view may want to hear about: 'unauthorized', 'ratelimit' (headers), 'refused'. */
export const apiEvents = new EventTarget();

/** An API answer that was not 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, detail, { retryAfter = null, requestId = null } = {}) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter; // seconds, from Retry-After (429, 503)
    this.requestId = requestId;
  }
}

// sessionStorage: the token lives as long as the tab, never on disk beyond it, never in a cookie
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An API path relative to the page, so that the page works under any context root. */
export function apiUrl(path, query = {}) {
  const url = new URL(path, document.baseURI);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  return url;
}

/** JSON request; resolves to the parsed body (or null for an empty one), rejects with ApiError. */
export async function request(method, path, { json, query, signal } = {}) {
  const response = await send(path, {
    method,
    query,
    signal,
    headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Starts a streaming request (POST with a JSON body, answered with text/event-stream). Resolves to
 * the Response once its headers are in, so the caller reads the body as it arrives; rejects with
 * ApiError when the server refused before streaming (429, 502, 503...).
 */
export function openStream(path, json, signal) {
  return send(path, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(json),
  });
}

/**
 * Follows the reply of a session (GET /v1/chat/sessions/{id}/stream): from the start of its latest
 * reply, or after `lastEventId`; resolves to the Response once its headers are in.
 */
export function openResume(sessionId, lastEventId, signal) {
  return send(`v1/chat/sessions/${sessionId}/stream`, {
    method: 'GET',
    query: { last_event_id: lastEventId },
    signal,
    headers: { Accept: 'text/event-stream' },
  });
}

async function send(path, { method, query, signal, headers, body }) {
  let response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      signal,
      body,
      headers: { ...headers, ...authorization() },
      cache: 'no-store',
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Parley cannot be reached (network error). Is the server running?');
  }
  noteRateLimit(response.headers.get.bind(response.headers));
  if (!response.ok) {
    throw refused(response.status, await response.text(), response.headers.get.bind(response.headers));
  }
  return response;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Resolves to the parsed JSON answer.
 */
export function upload(path, fieldName, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    const auth = authorization();
    if (auth.Authorization) xhr.setRequestHeader('Authorization', auth.Authorization);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const header = (name) => xhr.getResponseHeader(name);
      noteRateLimit(header);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null);
      } else {
        reject(refused(xhr.status, xhr.responseText, header));
      }
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError(0, 'The upload did not reach Parley (network error).')),
    );
    const form = new FormData();
    form.append(fieldName, file, file.name);
    xhr.send(form);
  });
}

function authorization() {
  const value = token.get();
  return value ? { Authorization: `Bearer ${value}` } : {};
}

/** Turns a refusal into an ApiError and tells the page about 401, 429 and 503. */
function refused(status, bodyText, header) {
  const error = new ApiError(status, detailOf(status, bodyText), {
    retryAfter: retryAfterSeconds(header('Retry-After')),
    requestId: header('X-Request-Id'),
  });
  if (status === 401) {
    apiEvents.dispatchEvent(new CustomEvent('unauthorized', { detail: error }));
  } else if (status === 429 || status === 503) {
    apiEvents.dispatchEvent(new CustomEvent('refused', { detail: error }));
  }
  return error;
}

function detailOf(status, bodyText) {
  try {
    const body = JSON.parse(bodyText);
    if (body && typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: a proxy's or the container's own page
  }
  return `HTTP ${status}`;
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function noteRateLimit(header) {
  const limit = header('RateLimit-Limit');
  const remaining = header('RateLimit-Remaining');
  if (limit === null || remaining === null) return;
  apiEvents.dispatchEvent(
    new CustomEvent('ratelimit', {
      detail: {
        limit: Number(limit),
        remaining: Number(remaining),
        reset: Number(header('RateLimit-Reset') ?? 0),
        at: Date.now(),
      },
    }),
  );
}
