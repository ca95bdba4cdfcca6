import { vi } from 'vitest';

/**
 * A stand-in for the gateway behind `fetch`, so component tests go through the real API client
 * (problem JSON → ApiError.detail). Routes are `'METHOD /path'` → handler(body, url) returning
 * `[status, json]`, `[status, json, headers]` or just json (200; a list is a JSON array, not a status
 * pair). Unrouted requests answer 404 with a problem body.
 * `requests` records what the UI sent.
 */
export function fakeServer(routes) {
  const requests = [];
  const fetchMock = vi.fn(async (url, init = {}) => {
    const method = init.method ?? 'GET';
    const path = new URL(url, 'http://localhost').pathname;
    // JSON bodies parsed; anything else (a photo's Blob) as sent
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    requests.push({ method, path, body, headers: init.headers });
    const handler = routes[`${method} ${path}`];
    const answer = handler ? await handler(body, url) : [404, problem(404, 'Not Found', `no route for ${method} ${path}`)];
    const withStatus = Array.isArray(answer) && [2, 3].includes(answer.length) && Number.isInteger(answer[0]);
    const [status, json, headers = {}] = withStatus ? answer : [200, answer];
    // no body at all when there is none: a 204 with even an empty one is refused by Response
    return new Response(json === undefined ? null : JSON.stringify(json), {
      status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetch: fetchMock };
}

/** A problem JSON body as the services send it. */
export function problem(status, title, detail) {
  return { type: `https://smilingsteps.local/problems/${title.toLowerCase().replace(/\s+/g, '-')}`, title, status, detail };
}

/** Signs a user in for the component under test (the token store the API client reads). */
export function signIn(user, token = 'test-token') {
  sessionStorage.setItem('ssv.auth', JSON.stringify({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user }));
}

/** The query parameters of a request's url. */
export function queryOf(url) {
  return new URL(url, 'http://localhost').searchParams;
}

/** The page a request asks for (`page`, `size`) of `items`, as the paged APIs answer: `{items, page, size, total}`. */
export function pageOf(items, url) {
  const q = queryOf(url);
  const page = Number(q.get('page') ?? 0);
  const size = Number(q.get('size') ?? 50);
  return { items: items.slice(page * size, (page + 1) * size), page, size, total: items.length };
}
