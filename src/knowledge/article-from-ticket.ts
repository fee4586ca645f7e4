import { ValidationError } from '../errors.js';
import type { Ticket } from '../model/types.js';
import type { KnowledgeArticle } from './types.js';

/** A knowledge article drafted from a resolved ticket, for an agent to review and publish. */
export interface KnowledgeArticleDraft extends KnowledgeArticle {
  tags: string[];
  locale: string;
  category?: string;
  status: 'draft';
  /** The ticket it came from. */
  source: { ticketId: string; ticketNumber: string; resolvedAt?: string };
  /**
   * What the reviewing agent should check: `redacted` (contact details or the customer's
   * name were removed), `no_symptoms` (the ticket had no description).
   */
  review: Array<'redacted' | 'no_symptoms'>;
}

/** Options of {@link articleFromTicket}. */
export interface ArticleFromTicketOptions {
  /** Id of the draft; default `draft-<ticket number>`. */
  id?: string;
  /** Language of the draft's headings; default `zh-CN` when the ticket is written in Chinese, else `en`. */
  locale?: string;
}

const HEADINGS = {
  zh: { symptoms: '问题现象', model: '适用型号', resolution: '解决方法', hidden: '[已隐藏]' },
  en: { symptoms: 'Symptoms', model: 'Applies to', resolution: 'Resolution', hidden: '[redacted]' },
} as const;

// Phone numbers (mainland mobiles and long digit runs), e-mail addresses.
const CONTACT_PATTERNS = [/(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, /(?<!\d)\d{11,}(?!\d)/g];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Drafts a knowledge article from a resolved ticket: its subject as the title, the
 * customer's description as symptoms, the product model and the resolution note, with
 * the customer's name and contact details removed. The result is a draft for an agent to
 * review, never published as is.
 *
 * Throws `ValidationError` when the ticket has no resolution note.
 */
export function articleFromTicket(ticket: Ticket, options: ArticleFromTicketOptions = {}): KnowledgeArticleDraft {
  const note = ticket.resolution?.note?.trim();
  if (!note) {
    throw new ValidationError([{ path: 'resolution.note', code: 'required', message: 'only a resolved ticket with a resolution note can become an article' }], 'ticket');
  }
  const locale = options.locale ?? (/\p{Script=Han}/u.test(`${ticket.subject}${ticket.description}${note}`) ? 'zh-CN' : 'en');
  const h = locale.toLowerCase().startsWith('zh') ? HEADINGS.zh : HEADINGS.en;
  const review = new Set<KnowledgeArticleDraft['review'][number]>();

  const secrets = [ticket.customer.name, ticket.customer.contact.phone, ticket.customer.contact.email, ticket.customer.contact.wechat, ticket.customer.organization]
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= 2)
    .sort((a, b) => b.length - a.length);
  const redact = (text: string) => {
    let out = text;
    for (const s of secrets) out = out.replace(new RegExp(escapeRegExp(s), 'gi'), h.hidden);
    for (const p of CONTACT_PATTERNS) out = out.replace(p, h.hidden);
    if (out !== text) review.add('redacted');
    return out.trim();
  };

  const title = redact(ticket.subject);
  const symptoms = redact(ticket.description);
  if (!symptoms) review.add('no_symptoms');
  const model = ticket.product?.model?.trim();
  const sep = h === HEADINGS.zh ? '：' : ': ';
  const body = [symptoms && `${h.symptoms}${sep}${symptoms}`, model && `${h.model}${sep}${model}`, `${h.resolution}${sep}${redact(note)}`]
    .filter(Boolean)
    .join('\n');
  const tags = [...new Set([...ticket.tags, ...(model ? [model] : []), ...(ticket.category ? [ticket.category] : [])])];

  const draft: KnowledgeArticleDraft = {
    id: options.id ?? `draft-${ticket.number}`,
    title,
    body,
    tags,
    locale,
    status: 'draft',
    source: { ticketId: ticket.id, ticketNumber: ticket.number, ...(ticket.resolvedAt ? { resolvedAt: ticket.resolvedAt } : {}) },
    review: [...review],
  };
  if (ticket.category) draft.category = ticket.category;
  return draft;
}
