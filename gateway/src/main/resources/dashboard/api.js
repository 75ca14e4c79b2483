// The HTTP API with the key of this tab: JSON calls, artifact downloads as blob URLs, and the key itself.

const KEY = 'rayform.apiKey';

export class Unauthorized extends Error {
  constructor(message) {
    super(message || 'The API key was refused');
    this.name = 'Unauthorized';
  }
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export const key = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

async function request(path, options = {}) {
  const k = key.get();
  if (!k) {
    throw new Unauthorized('No API key');
  }
  const headers = Object.assign({ Authorization: `Bearer ${k}` }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    throw new Unauthorized();
  }
  if (!response.ok) {
    let code = null;
    let message = null;
    try {
      const body = await response.json();
      code = body.error && body.error.code;
      message = body.error && body.error.message;
    } catch (e) {
      // Not a JSON error body.
    }
    throw new ApiError(response.status, code, message || `${path}: HTTP ${response.status}`);
  }
  return response;
}

export async function getJson(path, params) {
  const query = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')) : null;
  const response = await request(query && [...query].length ? `${path}?${query}` : path);
  return response.json();
}

export const jobs = {
  list: (params) => getJson('/v1/jobs', params),
  get: (id) => getJson(`/v1/jobs/${encodeURIComponent(id)}`),
  items: (id, params) => getJson(`/v1/jobs/${encodeURIComponent(id)}/items`, params),
  artifacts: (id) => getJson(`/v1/jobs/${encodeURIComponent(id)}/artifacts`),
  cancel: async (id) => (await request(`/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' })).json(),
};

export const models = {
  list: (params) => getJson('/v1/models', params),
};

/**
 * An artifact's bytes as a blob URL (the caller revokes it). The gateway streams them, or
 * redirects to a presigned store URL, which fetch follows (the browser drops the Authorization
 * header on a cross-origin redirect; the store must then allow this origin by CORS).
 */
export async function artifactBlobUrl(jobId, name) {
  const response = await request(`/v1/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`);
  return URL.createObjectURL(await response.blob());
}

export async function artifactBuffer(jobId, name) {
  const response = await request(`/v1/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`);
  return response.arrayBuffer();
}

/** The events websocket's URL for this key (browsers cannot set headers on websockets). */
export function eventsUrl(params) {
  const url = new URL('/v1/events', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  url.searchParams.set('access_token', key.get() || '');
  return url.toString();
}
