/**
 * Turns what a channel delivers (an e-mail, a chat or WeChat message, an agent's phone
 * log, a QR scan, a form post) into either a new ticket input or a reply to an existing
 * ticket. Pure: the lookups that need a store arrive as callbacks.
 */
import * as v from 'valibot';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { CHANNELS, type Channel } from '../model/constants.js';
import { contactSchema, LIMITS, messageSchema, ticketInputSchema, type MessageInput, type TicketInput } from '../model/schema.js';
import { isCalendarDate } from '../model/text.js';
import type { ContactInfo, IsoDateTime, Product } from '../model/types.js';
import { toValidationIssues } from '../model/validate.js';
import { toEpochMs } from '../workflow/create-workflow.js';
import { cleanSubject, htmlToText, stripQuotedHistory } from './email-text.js';
import type { TimeInput } from '../workflow/types.js';

/** A file that came with an inbound message; the bytes are stored elsewhere. */
export interface InboundAttachment {
  name: string;
  /** MIME type; anything unusable becomes `application/octet-stream`. */
  type: string;
  size: number;
  /** Kept when it is `https:`, `http:`, `blob:`, `data:` or a path; `cid:` links are dropped. */
  url?: string;
}

/** An e-mail as a mail gateway (SES, Mailgun, IMAP poller…) parsed it. */
export interface InboundEmail {
  channel: 'email';
  /** `address` may also be `"Name" <a@b.c>`. */
  from: { address: string; name?: string };
  to?: string | string[];
  subject: string;
  text?: string;
  /** Used only when `text` is empty; converted to plain text without a DOM. */
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: InboundAttachment[];
  receivedAt?: TimeInput;
}

/** A message from a chat widget, WeChat (official account) or a WeChat mini-program. */
export interface InboundChatMessage {
  channel: 'chat' | 'wechat' | 'mini-program';
  /** `openId` (or, for `wechat`, `id`) becomes the WeChat contact; `phone`/`email` when the widget asked. */
  from: { id: string; name?: string; openId?: string; phone?: string; email?: string };
  text: string;
  sessionId?: string;
  attachments?: InboundAttachment[];
  receivedAt?: TimeInput;
}

/** A call an agent logged. */
export interface InboundPhoneLog {
  channel: 'phone';
  caller: { phone: string; name?: string };
  /** What the caller wants, in the agent's words; becomes subject and description. */
  summary: string;
  /** The agent's own remarks; returned as an internal note, never in the public description. */
  notes?: string;
  agentId?: string;
  durationSeconds?: number;
  receivedAt?: TimeInput;
}

/** A scan of the QR code on a product, e.g. `https://x/s?model=KFR-35GW&sn=SN123&type=repair`. */
export interface InboundQrScan {
  channel: 'qr';
  url: string;
  contact?: { phone?: string; name?: string; email?: string; wechat?: string };
  text?: string;
  receivedAt?: TimeInput;
}

/** A web form or API post: already a ticket input; it is cleaned, not reinterpreted. */
export type InboundTicketInput = Omit<TicketInput, 'channel'> & { channel: 'web' | 'api'; receivedAt?: TimeInput };

/** Anything a channel can deliver, told apart by `channel`. */
export type InboundMessage = InboundEmail | InboundChatMessage | InboundPhoneLog | InboundQrScan | InboundTicketInput;

/** Where an inbound message came from; store what you need (e.g. `messageId` → ticket id for threading). */
export interface InboundReferences {
  channel: Channel;
  receivedAt?: IsoDateTime;
  /** E-mail Message-ID without angle brackets. Remember it with the ticket so `lookupMessageId` finds later replies. */
  messageId?: string;
  inReplyTo?: string;
  to?: string[];
  sessionId?: string;
  /** The chat platform's user id. */
  senderId?: string;
  /** The agent who logged a call: pass `{ kind: 'agent', id }` as `createTicket`'s `actor`. */
  agentId?: string;
  durationSeconds?: number;
  /** The scanned QR URL. */
  sourceUrl?: string;
}

/** The message opens a new ticket: pass `input` to `createTicket`. */
export interface NormalizedNewTicket {
  kind: 'new';
  input: TicketInput;
  /** Phone-log notes, to add as an internal note once the ticket exists. */
  internalNote?: MessageInput;
  references: InboundReferences;
  /** What was changed or dropped to make the input valid, in English, for logs. */
  warnings: string[];
}

/** How a reply was tied to its ticket. */
export type ReplyMatch = 'in_reply_to' | 'references' | 'subject_number' | 'open_ticket';

/**
 * The message continues an existing ticket. `ticketId`, when present, comes from your own
 * lookups and wins; `ticketNumber` is what the subject named. Anyone can put a number in a
 * subject: check `customerContact` against the ticket's customer before posting publicly.
 */
export interface NormalizedReply {
  kind: 'reply';
  ticketNumber?: string;
  ticketId?: string;
  matchedBy: ReplyMatch;
  message: MessageInput;
  customerContact: ContactInfo;
  customerName?: string;
  references: InboundReferences;
  warnings: string[];
}

/** What {@link normalizeInbound} returns. */
export type NormalizedInbound = NormalizedNewTicket | NormalizedReply;

/** Lookups and defaults for {@link normalizeInbound}. */
export interface NormalizeInboundOptions {
  /** Ticket id that sent or received the e-mail with this Message-ID (angle brackets removed). */
  lookupMessageId?: (messageId: string) => string | undefined;
  /**
   * Ticket id of a subject-line ticket number. When given and it returns `undefined`, the
   * message opens a new ticket instead of replying to a number the store does not know.
   */
  lookupTicketNumber?: (number: string) => string | undefined;
  /** The open ticket a chat or WeChat customer is already talking about, if any. */
  openTicketForCustomer?: (
    contact: ContactInfo & { name?: string },
    context: { channel: Channel; sessionId?: string; senderId: string },
  ) => string | undefined;
  /** Ticket number prefixes to recognise in subjects; default `['AC']`. */
  ticketPrefixes?: readonly string[];
  /** Ticket type of new tickets when the message does not say; default `repair`. */
  defaultType?: string;
  /** Reference time for `receivedAt` defaults and future-date checks; default now. */
  now?: TimeInput;
}

const SUBJECT_FROM_TEXT = 40;

// Grapheme-safe slicing; a runtime without Intl.Segmenter (some mini-program engines) falls back to code points.
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;
function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

function truncate(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text; // UTF-16 length bounds the grapheme count
  const g = graphemes(text);
  return g.length <= max ? text : g.slice(0, max - ellipsis.length).join('').trimEnd() + ellipsis;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

/** Single-line text that the schema accepts: control characters gone, breaks become spaces. */
function oneLine(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(/[\t\r\n]+/g, ' ').replace(CONTROL, '').trim();
}

/** Multi-line text that the schema accepts: `\r\n` → `\n`, other controls gone. */
function multiline(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').replace(CONTROL_MULTILINE, '');
}

class Collector {
  readonly issues: ValidationIssue[] = [];
  readonly warnings: string[] = [];

  /** A string field: trimmed, or `undefined` (with an issue when required). */
  text(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.issues.push({ path, code: 'required', message: 'is required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      this.issues.push({ path, code: 'invalid_type', message: `must be a string, got ${typeof value}` });
      return undefined;
    }
    return value.trim();
  }

  /** A nested object such as `from`; `undefined` (with one issue, not one per field) when absent. */
  object<T extends object>(value: unknown, path: string): Partial<T> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Partial<T>;
    this.issues.push(value === undefined || value === null
      ? { path, code: 'required', message: 'is required' }
      : { path, code: 'invalid_type', message: 'must be an object' });
    return undefined;
  }

  /** Truncates to `max` graphemes, saying so. */
  limit(text: string, max: number, field: string): string {
    const out = truncate(text, max);
    if (out !== text) this.warnings.push(`${field} truncated to ${max} characters`);
    return out;
  }

  fail(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues, 'inbound message');
  }
}


function ticketNumberIn(subject: string, prefixes: readonly string[]): string | undefined {
  const alternatives = prefixes.map((p) => p.replace(/[^A-Za-z0-9]/g, '')).filter(Boolean).join('|');
  if (!alternatives) return undefined;
  // NFKC folds full-width letters, digits and dashes (ＡＣ－２０２６…) that IMEs produce.
  const re = new RegExp(`(?<![A-Za-z0-9])(${alternatives})-(\\d{8})-(\\d{1,9}|[0-9A-HJKMNP-TV-Z]{6})(?![A-Za-z0-9])`, 'gi');
  for (const m of subject.normalize('NFKC').matchAll(re)) {
    const d = m[2]!;
    if (isCalendarDate(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`)) return m[0].toUpperCase();
  }
  return undefined;
}

// ---------------------------------------------------------------- shared pieces

function messageIds(values: unknown): string[] {
  const list = Array.isArray(values) ? values : [values];
  return list
    .filter((x): x is string => typeof x === 'string')
    .flatMap((s) => s.split(/[\s,]+/))
    .map((s) => s.replace(/^<|>$/g, '').trim())
    .filter(Boolean);
}

function receivedAt(value: unknown, c: Collector): IsoDateTime | undefined {
  if (value === undefined) return undefined;
  try {
    return new Date(toEpochMs(value as TimeInput)).toISOString();
  } catch {
    c.warnings.push('receivedAt is not a valid time and was ignored');
    return undefined;
  }
}

function attachments(value: unknown, c: Collector): NonNullable<TicketInput['attachments']> {
  if (!Array.isArray(value)) return [];
  const out: NonNullable<TicketInput['attachments']> = [];
  for (const a of value as Partial<InboundAttachment>[]) {
    if (!a || typeof a !== 'object') continue;
    if (out.length === LIMITS.attachments) {
      c.warnings.push(`only the first ${LIMITS.attachments} attachments were kept`);
      break;
    }
    const name = c.limit(oneLine(String(a.name ?? '')) || 'attachment', LIMITS.attachmentName, 'attachment name');
    const type = typeof a.type === 'string' && /^[a-z]+\/[a-z0-9.+-]+$/i.test(a.type.trim()) ? a.type.trim() : 'application/octet-stream';
    const size = typeof a.size === 'number' && Number.isInteger(a.size) && a.size >= 0 ? a.size : 0;
    const entry: (typeof out)[number] = { name, type, size };
    if (typeof a.url === 'string' && a.url.length <= 2048 && /^(https?:|blob:|data:|\/)/.test(a.url)) entry.url = a.url;
    else if (a.url !== undefined) c.warnings.push(`attachment "${name}": unusable url dropped`);
    out.push(entry);
  }
  return out;
}

/** First line of `text`, at most 40 graphemes, for channels that have no subject. */
function subjectFrom(text: string): string {
  const first = text.split('\n').map((l) => oneLine(l)).find((l) => l !== '') ?? '';
  return truncate(first, SUBJECT_FROM_TEXT, '…');
}

function validContact(contact: ContactInfo): boolean {
  return v.is(contactSchema, contact);
}

// ---------------------------------------------------------------- channels

interface Context {
  c: Collector;
  options: NormalizeInboundOptions;
  nowMs: number;
}

function newTicket(ctx: Context, input: TicketInput, references: InboundReferences, internalNote?: MessageInput): NormalizedNewTicket {
  const { c } = ctx;
  input.subject = c.limit(input.subject, LIMITS.subject, 'subject');
  if (input.description !== undefined) input.description = c.limit(input.description, LIMITS.description, 'description');
  input.customer.name = c.limit(input.customer.name, LIMITS.name, 'customer name');
  const result = v.safeParse(ticketInputSchema, input, { abortEarly: false });
  if (!result.success) throw new ValidationError(toValidationIssues(result.issues), 'inbound message');
  return { kind: 'new', input, ...(internalNote ? { internalNote } : {}), references, warnings: c.warnings };
}

function reply(ctx: Context, fields: Omit<NormalizedReply, 'kind' | 'warnings' | 'message'>, body: string, files: MessageInput['attachments']): NormalizedReply {
  const { c } = ctx;
  let text = c.limit(body, LIMITS.message, 'message');
  if (text.trim() === '' && files && files.length > 0) {
    // A reply that only carries files still needs a body; the file names say what came.
    text = files.map((f) => f.name).join('\n');
    c.warnings.push('reply had no text; attachment names used as its body');
  }
  if (text.trim() === '') c.issues.push({ path: 'text', code: 'required', message: 'a reply needs text or attachments' });
  c.fail();
  const message: MessageInput = { body: text, ...(files && files.length > 0 ? { attachments: files } : {}) };
  const result = v.safeParse(messageSchema, message, { abortEarly: false });
  if (!result.success) throw new ValidationError(toValidationIssues(result.issues), 'inbound message');
  return { kind: 'reply', ...fields, message, warnings: c.warnings };
}

function fromEmail(m: InboundEmail, ctx: Context): NormalizedInbound {
  const { c, options } = ctx;
  const from = c.object<InboundEmail['from']>(m.from, 'from');
  let address = c.text(from?.address, 'from.address', from !== undefined);
  let displayName = c.text(from?.name, 'from.name', false);
  if (address) address = oneLine(address);
  const angle = address ? /^(.*)<([^<>]+)>$/.exec(address) : null;
  if (angle) {
    address = angle[2]!.trim();
    displayName ??= angle[1]!.replace(/^["'\s]+|["'\s]+$/g, '') || undefined;
  }
  if (address && !validContact({ email: address })) {
    c.issues.push({ path: 'from.address', code: 'invalid_format', message: 'has an invalid format (e-mail address expected)' });
  }
  const rawSubject = typeof m.subject === 'string' ? m.subject : '';
  if (m.subject !== undefined && typeof m.subject !== 'string') c.issues.push({ path: 'subject', code: 'invalid_type', message: 'must be a string' });
  c.fail();

  const source = typeof m.text === 'string' && m.text.trim() !== '' ? m.text : typeof m.html === 'string' ? htmlToText(m.html) : '';
  const full = multiline(source).trim();
  const body = stripQuotedHistory(full);
  const files = attachments(m.attachments, c);
  const ids = messageIds(m.messageId);
  const inReplyTo = messageIds(m.inReplyTo);
  const references: InboundReferences = {
    channel: 'email',
    ...optional('receivedAt', receivedAt(m.receivedAt, c)),
    ...optional('messageId', ids[0]),
    ...optional('inReplyTo', inReplyTo[0]),
    ...(m.to !== undefined ? { to: (Array.isArray(m.to) ? m.to : [m.to]).filter((x) => typeof x === 'string') } : {}),
  };
  const contact: ContactInfo = { email: address! };
  const replyTo = (fields: { ticketId?: string; ticketNumber?: string; matchedBy: ReplyMatch }) =>
    reply(ctx, { ...fields, customerContact: contact, ...optional('customerName', displayName && oneLine(displayName)), references }, body, files);

  // Our own Message-IDs are the surest thread; a number in the subject can be typed by anyone.
  const number = ticketNumberIn(rawSubject, options.ticketPrefixes ?? ['AC']);
  const fromNumber = number ? { ticketNumber: number } : {};
  for (const id of inReplyTo) {
    const ticketId = options.lookupMessageId?.(id);
    if (ticketId) return replyTo({ ticketId, ...fromNumber, matchedBy: 'in_reply_to' });
  }
  for (const id of messageIds(m.references).reverse()) {
    const ticketId = options.lookupMessageId?.(id);
    if (ticketId) return replyTo({ ticketId, ...fromNumber, matchedBy: 'references' });
  }
  if (number) {
    if (!options.lookupTicketNumber) return replyTo({ ticketNumber: number, matchedBy: 'subject_number' });
    const ticketId = options.lookupTicketNumber(number);
    if (ticketId) return replyTo({ ticketId, ticketNumber: number, matchedBy: 'subject_number' });
    c.warnings.push(`subject names unknown ticket ${number}; opening a new ticket`);
  }

  let subject = oneLine(cleanSubject(rawSubject));
  if (subject === '') {
    subject = subjectFrom(body || full) || (files[0]?.name ?? '');
    if (subject === '') throw new ValidationError([{ path: 'subject', code: 'required', message: 'is required (the e-mail has no subject, text or attachment)' }], 'inbound message');
    c.warnings.push('e-mail had no subject; taken from its first line');
  }
  const name = oneLine(displayName ?? '') || address!.split('@')[0]!;
  // A forward may quote everything it carries; then the quote is the request. (A reply of only quotes is refused.)
  if (body === '' && full !== '') c.warnings.push('nothing but quoted history; the whole body was kept');
  return newTicket(ctx, {
    type: options.defaultType ?? 'repair',
    subject,
    description: body || full,
    channel: 'email',
    customer: { name, contact },
    ...(files.length > 0 ? { attachments: files } : {}),
  }, references);
}

function fromChat(m: InboundChatMessage, ctx: Context): NormalizedInbound {
  const { c, options } = ctx;
  const from = c.object<InboundChatMessage['from']>(m.from, 'from');
  const id = c.text(from?.id, 'from.id', from !== undefined);
  const name = c.text(from?.name, 'from.name', false);
  const [openId, phone, email] = (['openId', 'phone', 'email'] as const).map((k) => {
    const value = c.text(from?.[k], `from.${k}`, false);
    return value === undefined ? undefined : oneLine(value);
  });
  const files = attachments(m.attachments, c);
  const text = typeof m.text === 'string' ? multiline(m.text).trim() : '';
  if (text === '' && files.length === 0) c.issues.push({ path: 'text', code: 'required', message: 'is required' });
  const wechat = openId ?? (m.channel === 'wechat' ? id : undefined);
  const contact: ContactInfo = { ...optional('phone', phone), ...optional('email', email), ...optional('wechat', wechat && oneLine(wechat)) };
  if (id !== undefined) {
    if (Object.keys(contact).length === 0) {
      c.issues.push({ path: 'from', code: 'required', message: 'needs an openId, phone or email to reach the customer' });
    } else if (!validContact(contact)) {
      for (const key of ['phone', 'email', 'wechat'] as const) {
        if (contact[key] !== undefined && !validContact({ [key]: contact[key] })) {
          c.issues.push({ path: key === 'wechat' ? (openId ? 'from.openId' : 'from.id') : `from.${key}`, code: 'invalid_format', message: 'has an invalid format' });
        }
      }
    }
  }
  c.fail();
  const sessionId = typeof m.sessionId === 'string' && m.sessionId !== '' ? m.sessionId : undefined;
  const references: InboundReferences = {
    channel: m.channel,
    ...optional('receivedAt', receivedAt(m.receivedAt, c)),
    ...optional('sessionId', sessionId),
    senderId: id!,
  };
  const customerName = name ? oneLine(name) : undefined;
  const ticketId = options.openTicketForCustomer?.({ ...contact, ...optional('name', customerName) }, { channel: m.channel, senderId: id!, ...optional('sessionId', sessionId) });
  if (ticketId) {
    return reply(ctx, { ticketId, matchedBy: 'open_ticket', customerContact: contact, ...optional('customerName', customerName), references }, text, files);
  }
  if (!customerName) c.warnings.push('sender has no name; their id is used');
  return newTicket(ctx, {
    type: options.defaultType ?? 'repair',
    subject: subjectFrom(text) || files[0]!.name,
    description: text,
    channel: m.channel,
    customer: { name: customerName || oneLine(id!), contact },
    ...(files.length > 0 ? { attachments: files } : {}),
  }, references);
}

function fromPhone(m: InboundPhoneLog, ctx: Context): NormalizedInbound {
  const { c, options } = ctx;
  const caller = c.object<InboundPhoneLog['caller']>(m.caller, 'caller');
  const rawPhone = c.text(caller?.phone, 'caller.phone', caller !== undefined);
  const phone = rawPhone === undefined ? undefined : oneLine(rawPhone);
  if (phone !== undefined && !validContact({ phone })) c.issues.push({ path: 'caller.phone', code: 'invalid_format', message: 'has an invalid format (phone number expected)' });
  const summary = c.text(m.summary, 'summary', true);
  const notes = c.text(m.notes, 'notes', false);
  c.fail();
  const description = multiline(summary!);
  let duration: number | undefined;
  if (m.durationSeconds !== undefined) {
    if (typeof m.durationSeconds === 'number' && Number.isFinite(m.durationSeconds) && m.durationSeconds >= 0) duration = m.durationSeconds;
    else c.warnings.push('durationSeconds is not a non-negative number and was ignored');
  }
  const name = caller?.name && oneLine(caller.name);
  if (!name) c.warnings.push('caller has no name; their phone number is used');
  const note = notes ? { body: c.limit(multiline(notes), LIMITS.message, 'notes') } : undefined;
  return newTicket(ctx, {
    type: options.defaultType ?? 'repair',
    subject: subjectFrom(description),
    description,
    channel: 'phone',
    customer: { name: name || phone!, contact: { phone: phone! } },
  }, {
    channel: 'phone',
    ...optional('receivedAt', receivedAt(m.receivedAt, c)),
    ...optional('agentId', typeof m.agentId === 'string' && m.agentId !== '' ? m.agentId : undefined),
    ...optional('durationSeconds', duration),
  }, note);
}

/** Query parameters of a URL (or a bare query string), without the WHATWG URL API some runtimes lack. */
function queryParams(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = url.replace(/#.*$/s, '').replace(/^[^?]*\?/, '');
  if (query === url && !url.includes('=')) return params;
  for (const pair of query.split('&')) {
    const [k, ...rest] = pair.split('=');
    if (!k) continue;
    try {
      const key = decodeURIComponent(k.replace(/\+/g, ' ')).trim();
      if (!params.has(key)) params.set(key, decodeURIComponent(rest.join('=').replace(/\+/g, ' ')).trim());
    } catch {
      // A malformed escape: skip that parameter rather than the scan.
    }
  }
  return params;
}

function productFromParams(params: Map<string, string>, ctx: Context): Product | undefined {
  const { c } = ctx;
  const pick = (...keys: string[]) => keys.map((k) => params.get(k)).find((x) => x !== undefined && x !== '');
  const product: Product = {};
  const model = pick('model', 'm');
  const serial = pick('sn', 'serial', 'serialNumber', 'serial_number');
  for (const [key, value] of [['model', model], ['serialNumber', serial]] as const) {
    if (value === undefined) continue;
    const clean = oneLine(value);
    if (clean !== '' && graphemes(clean).length <= 64) product[key] = clean;
    else c.warnings.push(`QR ${key} is not usable and was dropped`);
  }
  const date = pick('purchaseDate', 'purchase_date');
  if (date !== undefined) {
    const iso = /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : date;
    // createTicket refuses purchase dates in the future (one day of slack for time zones).
    if (!isCalendarDate(iso) || iso > new Date(ctx.nowMs + 86_400_000).toISOString().slice(0, 10)) {
      c.warnings.push('QR purchaseDate is not a valid past date and was dropped');
    } else product.purchaseDate = iso;
  }
  return Object.keys(product).length > 0 ? product : undefined;
}

function fromQr(m: InboundQrScan, ctx: Context): NormalizedInbound {
  const { c, options } = ctx;
  const url = c.text(m.url, 'url', true);
  const contactIn = (typeof m.contact === 'object' && m.contact !== null ? m.contact : {}) as NonNullable<InboundQrScan['contact']>;
  const contact: ContactInfo = {};
  for (const key of ['phone', 'email', 'wechat'] as const) {
    const raw = c.text(contactIn[key], `contact.${key}`, false);
    if (raw === undefined) continue;
    const value = oneLine(raw);
    if (validContact({ [key]: value })) contact[key] = value;
    else c.issues.push({ path: `contact.${key}`, code: 'invalid_format', message: 'has an invalid format' });
  }
  if (Object.keys(contact).length === 0 && !c.issues.some((i) => i.path.startsWith('contact.'))) {
    c.issues.push({ path: 'contact', code: 'required', message: 'needs a phone number, an e-mail address or a WeChat id' });
  }
  c.fail();
  const params = queryParams(url!);
  const product = productFromParams(params, ctx);
  let type = options.defaultType ?? 'repair';
  const typeParam = params.get('type')?.toLowerCase();
  if (typeParam) {
    if (/^[a-z][a-z0-9_.-]{0,63}$/.test(typeParam)) type = typeParam;
    else c.warnings.push(`QR type "${oneLine(typeParam)}" is not a ticket type and was ignored`);
  }
  const text = typeof m.text === 'string' ? multiline(m.text).trim() : '';
  let subject = subjectFrom(text);
  if (subject === '') {
    subject = [product?.model, product?.serialNumber].filter(Boolean).join(' · ') || type;
    c.warnings.push('scan had no text; subject made from the product');
  }
  const name = contactIn.name && oneLine(String(contactIn.name));
  if (!name) c.warnings.push('scan has no contact name; the contact itself is used');
  return newTicket(ctx, {
    type,
    subject,
    description: text,
    channel: 'qr',
    customer: { name: name || (contact.phone ?? contact.email ?? contact.wechat)!, contact },
    ...(product ? { product } : {}),
  }, { channel: 'qr', ...optional('receivedAt', receivedAt(m.receivedAt, c)), sourceUrl: url! });
}

function fromForm(m: InboundTicketInput, ctx: Context): NormalizedInbound {
  const { c } = ctx;
  const { receivedAt: at, channel, ...rest } = m;
  if (typeof m.customer !== 'object' || m.customer === null) c.issues.push({ path: 'customer', code: 'required', message: 'is required' });
  const subject = c.text(m.subject, 'subject', true);
  c.fail();
  const input: TicketInput = { ...rest, channel, subject: oneLine(subject!), customer: { ...m.customer } };
  if (typeof input.description === 'string') input.description = multiline(input.description);
  if (typeof input.customer.name === 'string') input.customer.name = oneLine(input.customer.name);
  if (input.product?.purchaseDate !== undefined) {
    const latest = new Date(ctx.nowMs + 86_400_000).toISOString().slice(0, 10);
    if (typeof input.product.purchaseDate === 'string' && input.product.purchaseDate > latest) {
      const { purchaseDate: _future, ...product } = input.product;
      input.product = product;
      c.warnings.push('product.purchaseDate is in the future and was dropped');
    }
  }
  return newTicket(ctx, input, { channel, ...optional('receivedAt', receivedAt(at, c)) });
}

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: T };
}

/**
 * Decides whether an inbound message opens a ticket or continues one, and cleans it so
 * that the result passes `createTicket` (or the reply schema).
 *
 * A reply is recognised, in this order, by an `In-Reply-To` or `References` id that
 * `lookupMessageId` knows, by a ticket number in the e-mail subject (`[AC-20261122-0001]`,
 * `回复：【AC-20261122-0001】…`), or for chat, WeChat and mini-program messages by
 * `openTicketForCustomer`. E-mail bodies lose quoted history and signatures; HTML-only
 * mail is converted to text. Control characters are removed and over-long text is
 * truncated, each change noted in `warnings`.
 *
 * Throws `ValidationError` (paths name the inbound field, e.g. `from.address`) for an
 * unknown channel, a missing or unusable sender, or no content at all.
 */
export function normalizeInbound(message: InboundMessage, options: NormalizeInboundOptions = {}): NormalizedInbound {
  if (typeof message !== 'object' || message === null) {
    throw new ValidationError([{ path: '', code: 'invalid_type', message: 'must be an object' }], 'inbound message');
  }
  const ctx: Context = { c: new Collector(), options, nowMs: toEpochMs(options.now) };
  switch (message.channel) {
    case 'email':
      return fromEmail(message, ctx);
    case 'chat':
    case 'wechat':
    case 'mini-program':
      return fromChat(message, ctx);
    case 'phone':
      return fromPhone(message, ctx);
    case 'qr':
      return fromQr(message, ctx);
    case 'web':
    case 'api':
      return fromForm(message, ctx);
    default: {
      const channel: unknown = (message as { channel?: unknown }).channel;
      throw new ValidationError(
        [channel === undefined
          ? { path: 'channel', code: 'required', message: 'is required' }
          : { path: 'channel', code: 'unknown_value', message: `must be one of ${CHANNELS.join(', ')}` }],
        'inbound message',
      );
    }
  }
}
