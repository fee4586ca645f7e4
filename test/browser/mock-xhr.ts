import { XMLHttpRequestInterceptor } from '@mswjs/interceptors/XMLHttpRequest';
import { getResponse, type RequestHandler } from 'msw';

/**
 * Answers the page's `XMLHttpRequest`s from msw handlers until the returned function is
 * called: the browser's own XHR, patched by msw's interceptor (which fires the upload's
 * `loadstart`, `progress`, `load` events), so `httpTransport`'s upload path runs as it does
 * against a server. A network error (`HttpResponse.error()`) reaches the page as one.
 */
export function interceptXhr(handlers: RequestHandler[]): () => void {
  const interceptor = new XMLHttpRequestInterceptor();
  interceptor.on('request', async ({ request, controller }) => {
    const response = await getResponse(handlers, request);
    controller.respondWith(!response || response.type === 'error' ? Response.error() : response);
  });
  interceptor.apply();
  return () => interceptor.dispose();
}
