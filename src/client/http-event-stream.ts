import * as v from 'valibot';
import { TransportError } from '../errors.js';
import type { Ticket } from '../model/types.js';
import {
  createSender,
  describeIssues,
  newController,
  query,
  resolveFetch,
  runtime,
  streamPageSchema,
  truncate,
  withTimeout,
  type AbortSignalLike,
  type Call,
  type FetchInitLike,
  type FetchResponseLike,
  type HttpTransportOptions,
} from './http-transport.js';


/** One event of `GET /events/stream`: tickets changed since the previous one. */
export interface StreamPage {
  tickets: Ticket[];
  /** Resume here (`since=`) after a disconnect. */
  cursor: string;
}

/**
 * Follows `GET /events/stream?since=<cursor>` (Server-Sent Events) and calls `onPage` for each
 * `data:` event, in order, waiting for it before reading on. Resolves when the server ends the
 * stream or `signal` aborts; rejects with a typed error (`TransportError`, `AuthError`) when the
 * connection fails, the server does not offer the stream (`REJECTED` with status 404 or 501:
 * poll `changes()` instead) or an event does not match the contract (`BAD_RESPONSE`). Only
 * connecting is bounded by `timeoutMs`; an open stream may stay quiet (comments are heartbeats).
 */
export async function httpEventStream(
  options: HttpTransportOptions,
  since: string | undefined,
  onPage: (page: StreamPage) => void | Promise<void>,
  signal?: AbortSignalLike,
): Promise<void> {
  const { baseUrl, timeoutMs, exchange, errorFromResponse } = createSender(options);
  const Decoder = runtime.TextDecoder;
  if (!Decoder) throw new TransportError('NETWORK', 'No TextDecoder in this runtime: Server-Sent Events are not available; poll changes() instead');
  if (signal?.aborted) return;
  const call: Call = { method: 'GET', path: `/events/stream${query({ since })}` };
  const where = `GET /events/stream`;

  let controller: ReturnType<typeof newController>;
  const onAbort = () => controller?.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const opened = await exchange(call, async (bearer) => {
      controller = newController();
      const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
      if (bearer !== undefined) headers['Authorization'] = `Bearer ${bearer}`;
      const init: FetchInitLike = { method: 'GET', headers };
      if (controller) init.signal = controller.signal;
      const doFetch = resolveFetch(options);
      let response: FetchResponseLike;
      try {
        response = await withTimeout(doFetch(`${baseUrl}${call.path}`, init), timeoutMs, () => controller?.abort());
      } catch (error) {
        if (error instanceof TransportError) throw error;
        throw new TransportError('NETWORK', `${where} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { status: response.status, response };
    });
    const { response } = opened;
    if (opened.status < 200 || opened.status > 299) {
      let text = '';
      try {
        text = await withTimeout(response.text(), timeoutMs, () => controller?.abort());
      } catch {
        // The status says enough.
      }
      throw errorFromResponse({ status: opened.status, headers: response.headers, text }, call);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream/i.test(type.trim()) || !response.body)
      throw new TransportError('BAD_RESPONSE', `${where} did not answer with an event stream (content-type "${type}")`, { status: opened.status });

    const reader = response.body.getReader();
    const decoder = new Decoder('utf-8');
    let buffer = '';
    let data: string[] = [];
    let eventType = '';

    const dispatch = async () => {
      const payload = data.join('\n');
      const type = eventType;
      data = [];
      eventType = '';
      if (payload === '' || (type !== '' && type !== 'message' && type !== 'changes')) return;
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        throw new TransportError('BAD_RESPONSE', `${where} sent an event that is not JSON: ${truncate(payload, 80)}`, { status: opened.status });
      }
      const result = v.safeParse(streamPageSchema, json, { abortEarly: false });
      if (!result.success)
        throw new TransportError('BAD_RESPONSE', `${where} sent an event that does not match the contract: ${describeIssues(result.issues)}`, {
          status: opened.status,
        });
      await onPage({ tickets: result.output.tickets, cursor: result.output.cursor });
    };

    const consume = async (final: boolean) => {
      // Lines end in CRLF, LF or CR; a CR at the very end may be half of a CRLF still to come.
      for (;;) {
        const match = /\r\n|\n|\r/.exec(buffer);
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1 && !final)) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') await dispatch();
        else if (line.startsWith(':')) continue;
        else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) value = value.slice(1);
          if (field === 'data') data.push(value);
          else if (field === 'event') eventType = value;
        }
      }
    };

    try {
      for (;;) {
        let chunk: { done: boolean; value?: Uint8Array };
        try {
          chunk = await reader.read();
        } catch (error) {
          if (signal?.aborted) return;
          throw new TransportError('NETWORK', `${where} broke off: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (signal?.aborted) return;
        if (chunk.done) {
          buffer += decoder.decode();
          await consume(true);
          // An event not closed by a blank line when the stream ends is dropped, as EventSource does.
          return;
        }
        if (chunk.value) buffer += decoder.decode(chunk.value, { stream: true });
        await consume(false);
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
