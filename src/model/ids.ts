import { AftercareError } from '../errors.js';

interface RandomSource {
  randomUUID?: () => string;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

// The core runs in Node, browsers and mini-program logic layers; only Web Crypto is assumed.
function randomSource(): RandomSource {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (!source || typeof source.getRandomValues !== 'function') {
    throw new AftercareError(
      'NO_RANDOM_SOURCE',
      'No Web Crypto (globalThis.crypto.getRandomValues) in this runtime; pass an id to createTicket or install a polyfill.',
    );
  }
  return source;
}

/** Fills `length` bytes from the platform's cryptographic random source. */
export function randomBytes(length: number): Uint8Array {
  return randomSource().getRandomValues(new Uint8Array(length));
}

/** A new opaque, unguessable id (UUID v4). */
export function generateId(): string {
  const source = randomSource();
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const b = source.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
