import type { ValidationIssue } from '../errors.js';
import { LIMITS } from './limits.js';
import { isFreeOfControlCharacters, isWellFormedText } from './text.js';

/** What files a desk accepts. The client checks before sending; the server (and the local engine) enforce the same. */
export interface AttachmentPolicy {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most files on one ticket submission or one message (at most {@link LIMITS}`.attachments`). */
  maxFiles: number;
  /** MIME types accepted: exact (`image/png`) or a family (`image/*`). */
  types: readonly string[];
}

/**
 * The default {@link AttachmentPolicy}: photos, videos and PDFs up to 50 MiB, ten per
 * submission. SVG and HTML are left out on purpose: they can carry script.
 */
export const DEFAULT_ATTACHMENT_POLICY: Readonly<AttachmentPolicy> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxFiles: 10,
  types: Object.freeze([
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
    'image/heic',
    'image/heif',
    'image/avif',
    'video/mp4',
    'video/quicktime',
    'video/webm',
    'video/3gpp',
    'application/pdf',
  ]),
});

/** The policy with `overrides` applied; `maxFiles` never exceeds what a ticket can hold. */
export function attachmentPolicy(overrides: Partial<AttachmentPolicy> = {}): AttachmentPolicy {
  const p = { ...DEFAULT_ATTACHMENT_POLICY, ...overrides };
  return { maxBytes: p.maxBytes, maxFiles: Math.min(p.maxFiles, LIMITS.attachments), types: [...p.types] };
}

/** Whether `type` (`image/png`) is one the policy's list names, exactly or by family (`image/*`). */
export function isAttachmentTypeAllowed(type: string, types: readonly string[]): boolean {
  const t = type.trim().toLowerCase();
  if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(t)) return false;
  return types.some((a) => {
    const allowed = a.toLowerCase();
    return allowed === t || (allowed.endsWith('/*') && t.startsWith(allowed.slice(0, -1)));
  });
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Why `file` may not be attached under `policy`: issues with paths `name`, `type`, `size` and
 * codes `type_not_allowed`, `too_large`, `too_short` (an empty file), `required` or
 * `control_characters` (a name that is not one line of text). Empty when it may.
 */
export function attachmentIssues(file: { name: string; type: string; size: number }, policy: AttachmentPolicy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const name = typeof file.name === 'string' ? file.name : '';
  if (name.trim() === '') issues.push({ path: 'name', code: 'required', message: 'is required' });
  else if (!isWellFormedText(name) || !isFreeOfControlCharacters(name)) issues.push({ path: 'name', code: 'control_characters', message: 'must be one line of text' });
  else if ([...name].length > LIMITS.attachmentName) issues.push({ path: 'name', code: 'too_long', message: `is too long (at most ${LIMITS.attachmentName})` });
  if (typeof file.type !== 'string' || !isAttachmentTypeAllowed(file.type, policy.types))
    issues.push({ path: 'type', code: 'type_not_allowed', message: `${String(file.type || 'an unknown type')} is not accepted (accepted: ${policy.types.join(', ')})` });
  if (!(Number.isInteger(file.size) && file.size >= 0)) issues.push({ path: 'size', code: 'invalid_type', message: 'must be a whole number of bytes' });
  else if (file.size === 0) issues.push({ path: 'size', code: 'too_short', message: 'the file is empty' });
  else if (file.size > policy.maxBytes) issues.push({ path: 'size', code: 'too_large', message: `is larger than ${megabytes(policy.maxBytes)}` });
  return issues;
}

/**
 * A file name fit to store and show: control characters become spaces, the rest is trimmed
 * and cut to {@link LIMITS}`.attachmentName` characters keeping the extension; `file` when
 * nothing is left. File systems allow names the ticket model does not (line breaks, 300
 * characters); the customer should not have to rename a photo for that.
 */
export function cleanAttachmentName(name: string): string {
  // Lone surrogates (a name cut by another program) become U+FFFD.
  const wellFormed = Array.from(String(name ?? ''), (c) => (c.length === 1 && /[\ud800-\udfff]/.test(c) ? '\ufffd' : c)).join('');
  const clean = wellFormed.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  if (chars.length === 0) return 'file';
  if (chars.length <= LIMITS.attachmentName) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return chars.slice(0, LIMITS.attachmentName - [...ext].length).join('') + ext;
}

/**
 * `url` when it is safe to put in a link or an image: `https:`, `http:` or `blob:` (absolute,
 * or relative to `base`); `undefined` for anything else — `javascript:`, `data:`, `vbscript:`,
 * unparseable text. Attachment URLs come from servers and other people's uploads: show them
 * only through this.
 */
export function safeAttachmentUrl(url: unknown, base?: string): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  const URLClass = (globalThis as { URL?: new (url: string, base?: string) => { protocol: string; href: string } }).URL;
  if (!URLClass) return /^https?:\/\//i.test(url) ? url : undefined;
  try {
    const parsed = base === undefined ? new URLClass(url) : new URLClass(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'blob:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
