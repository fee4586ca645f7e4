import { getResponse, type RequestHandler } from 'msw';

/**
 * A `fetch` answered by msw handlers in the page itself, without a service worker: what
 * `httpTransport({ fetch })` needs in tests. Network errors (`HttpResponse.error()`) reject
 * as `fetch` does, and an aborted request rejects at once.
 */
export function mockFetch(handlers: RequestHandler[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const signal = init?.signal;
    const aborted = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(new DOMException('The operation was aborted.', 'AbortError'));
      signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    });
    const response = await Promise.race([getResponse(handlers, request), aborted]);
    if (!response) throw new TypeError(`No mock handler for ${request.method} ${request.url}`);
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
}
