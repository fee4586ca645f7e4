import { AftercareError, TransportError, ValidationError } from '../errors.js';
import type { AttachmentMeta } from '../model/types.js';
import { attachmentAnswer } from './customer-answers.js';
import {
  ACCESS_TOKEN_HEADER,
  createSender,
  decode,
  FILE_NAME_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  newController,
  resolveFetch,
  runtime,
  withTimeout,
  type Call,
  type FetchInitLike,
  type HttpTransportOptions,
} from './http-sender.js';
import type { FileLike, UploadOptions } from './types.js';

/** What the transport needs of `XMLHttpRequest` (typed here: the core compiles without the DOM). */
interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: unknown): void;
  abort(): void;
  getResponseHeader(name: string): string | null;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { addEventListener(type: 'progress', listener: (e: { loaded: number }) => void): void };
  addEventListener(type: 'load' | 'error' | 'abort', listener: () => void): void;
}
type XhrConstructor = new () => XhrLike;

interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/**
 * `POST /attachments` with the raw bytes: through `XMLHttpRequest` where it exists (progress
 * as the bytes go; the timeout counts from the last progress, so a slow but moving upload is
 * not cut off), through `fetch` elsewhere (progress at the start and the end; the timeout
 * grows with the size, 20 kB/s at the least). 401 renews the token once, as every request.
 * @internal Loaded on first use by `httpTransport().uploadAttachment`.
 */
export async function httpUpload(options: HttpTransportOptions, file: FileLike, upload: UploadOptions = {}): Promise<AttachmentMeta> {
  if (!file || typeof file !== 'object' || typeof file.size !== 'number') {
    throw new ValidationError([{ path: 'file', code: 'invalid_type', message: 'must be a Blob or a File' }], 'attachment');
  }
  const name = upload.name ?? file.name ?? '';
  const type = String(upload.type ?? file.type ?? '').toLowerCase();
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': type || 'application/octet-stream', [FILE_NAME_HEADER]: encodeURIComponent(name) };
  const issues = [];
  if (name.trim() === '') issues.push({ path: 'name', code: 'required' as const, message: 'is required' });
  for (const [header, value] of [[IDEMPOTENCY_KEY_HEADER, upload.idempotencyKey], [ACCESS_TOKEN_HEADER, upload.accessToken]] as const) {
    if (value === undefined) continue;
    if (!/^[\x21-\x7e]{1,255}$/.test(value)) issues.push({ path: header === IDEMPOTENCY_KEY_HEADER ? 'idempotencyKey' : 'accessToken', code: 'invalid_format' as const, message: 'must be 1–255 visible ASCII characters' });
    else headers[header] = value;
  }
  if (issues.length > 0) throw new ValidationError(issues, 'attachment');
  if (upload.signal?.aborted) throw aborted();

  const { baseUrl, timeoutMs, exchange, errorFromResponse } = createSender(options);
  const call: Call = { method: 'POST', path: '/attachments' };
  const url = `${baseUrl}${call.path}`;
  const Xhr = (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest;
  const useXhr = options.uploadWith === 'xhr' || (options.uploadWith === undefined && options.fetch === undefined && typeof Xhr === 'function');
  if (options.uploadWith === 'xhr' && typeof Xhr !== 'function') throw new TransportError('NETWORK', 'No XMLHttpRequest in this runtime: use httpTransport({ uploadWith: "fetch" })');
  const total = file.size;
  const progress = (loaded: number) => {
    try {
      upload.onProgress?.(Math.min(loaded, total), total);
    } catch {
      // A progress listener's failure must not fail the upload.
    }
  };

  const viaXhr = (bearer: string | undefined) =>
    new Promise<RawResponse>((resolve, reject) => {
      const xhr = new Xhr!();
      let timer: unknown;
      const done = (settle: () => void) => {
        runtime.clearTimeout(timer);
        upload.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const arm = () => {
        runtime.clearTimeout(timer);
        timer = runtime.setTimeout(() => {
          xhr.abort();
          done(() => reject(new TransportError('TIMEOUT', `POST /attachments made no progress for ${timeoutMs} ms`)));
        }, timeoutMs);
      };
      const onAbort = () => {
        xhr.abort();
        done(() => reject(aborted()));
      };
      xhr.open('POST', url);
      for (const [h, value] of Object.entries(headers)) xhr.setRequestHeader(h, value);
      if (bearer !== undefined) xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
      xhr.upload.addEventListener('progress', (e) => {
        arm();
        progress(e.loaded);
      });
      xhr.addEventListener('load', () => done(() => resolve({ status: xhr.status, headers: { get: (h) => xhr.getResponseHeader(h) }, text: xhr.responseText })));
      xhr.addEventListener('error', () => done(() => reject(new TransportError('NETWORK', 'POST /attachments failed: network error'))));
      upload.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      progress(0);
      xhr.send(file);
    });

  const viaFetch = async (bearer: string | undefined): Promise<RawResponse> => {
    const doFetch = resolveFetch(options);
    const controller = newController();
    const init: FetchInitLike = { method: 'POST', headers: { ...headers, ...(bearer !== undefined ? { Authorization: `Bearer ${bearer}` } : {}) }, body: file };
    if (controller) init.signal = controller.signal;
    const onAbort = () => controller?.abort();
    upload.signal?.addEventListener('abort', onAbort, { once: true });
    progress(0);
    try {
      const exchanged = (async () => {
        const response = await doFetch(url, init);
        return { status: response.status, headers: response.headers, text: await response.text() };
      })();
      return await withTimeout(exchanged, timeoutMs + Math.ceil(total / 20), () => controller?.abort());
    } catch (error) {
      if (upload.signal?.aborted) throw aborted();
      if (error instanceof TransportError) throw error;
      throw new TransportError('NETWORK', `POST /attachments failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      upload.signal?.removeEventListener('abort', onAbort);
    }
  };

  const response = await exchange(call, (bearer) => (useXhr ? viaXhr(bearer) : viaFetch(bearer)));
  if (response.status < 200 || response.status > 299) throw errorFromResponse(response, call);
  const meta = decode(response, attachmentAnswer, call);
  progress(total);
  return meta;
}

const aborted = () => new AftercareError('ABORTED', 'The upload was aborted');
