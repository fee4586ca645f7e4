import type { KnowledgeHit, KnowledgeSearchOptions, KnowledgeSuggestion, KnowledgeSuggestOptions } from '../knowledge/types.js';
import { generateId } from '../model/ids.js';
import type { Ticket } from '../model/types.js';
import { checkLimit, checkText, checkTicketId, checkWriteOptions, createSender, query, writeHeaders, type Call, type HttpTransportOptions } from './http-sender.js';
import type { CreatedTicket, CustomerService, TransitionInput, WriteOptions } from './types.js';

// The customer's half of the REST contract — create, read, reply, rate, reopen, upload, search
// — apart from the agents' (lists, notes, assignment, the change feed), so that a customer
// page downloads only this. `httpTransport` is this plus the agents' operations.

// The checks of the contract load on first use, not with the page: the answers' when the first
// answer arrives, the inputs' when the customer first writes. Both are lean schemas (no valibot).
const answers = () => import('./customer-answers.js');
const inputs = () => import('../model/customer-checks.js');

// ---------------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------------

/** @internal Calls about one ticket: its path, and a POST to it answered with the ticket. */
export function ticketCalls(request: ReturnType<typeof createSender>['request']) {
  const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;
  async function post(id: string, sub: string, body: unknown, writeOptions: WriteOptions | undefined, action?: string): Promise<Ticket> {
    checkTicketId(id);
    checkWriteOptions(writeOptions);
    const call: Call = { method: 'POST', path: `${ticketPath(id)}/${sub}`, body, headers: writeHeaders(writeOptions), ticketId: id };
    if (action !== undefined) call.action = action;
    return (await request(call, (await answers()).ticketAnswer)).value;
  }
  return { ticketPath, post };
}

/** @internal The customer operations over `sender`; `httpTransport` adds the agents' to them. */
export function customerHttpOperations(options: HttpTransportOptions, sender: ReturnType<typeof createSender>): CustomerService {
  const { request } = sender;
  const { ticketPath, post } = ticketCalls(request);
  return {
    // Loaded on first use: pages that never upload never load it.
    uploadAttachment: async (file, uploadOptions) => (await import('./http-upload.js')).httpUpload(options, file, uploadOptions),

    async create(input, writeOptions) {
      (await inputs()).checkTicketFields(input);
      checkWriteOptions(writeOptions);
      const key = writeOptions?.idempotencyKey ?? generateId();
      const call: Call = { method: 'POST', path: '/tickets', body: input, headers: writeHeaders(writeOptions, key) };
      const { value } = await request(call, (await answers()).createdAnswer);
      return { ticket: value.ticket, accessToken: value.accessToken, replayed: value.replayed } satisfies CreatedTicket;
    },

    async get(id, getOptions) {
      checkTicketId(id);
      checkWriteOptions(getOptions);
      const call: Call = { method: 'GET', path: ticketPath(id), headers: writeHeaders({ accessToken: getOptions?.accessToken }), ticketId: id };
      return (await request(call, (await answers()).ticketAnswer)).value;
    },

    async transition(id, input: TransitionInput, writeOptions) {
      (await inputs()).checkTransition(input);
      return post(id, 'transitions', input, writeOptions, input.action);
    },

    async reply(id, message, writeOptions) {
      (await inputs()).checkMessage(message);
      return post(id, 'replies', message, writeOptions);
    },

    async rate(id, rating, writeOptions) {
      (await inputs()).checkRating(rating);
      return post(id, 'rating', rating, writeOptions, 'rate');
    },

    async searchKnowledge(text: string, searchOptions: KnowledgeSearchOptions = {}) {
      checkText(text);
      checkLimit(searchOptions.limit, 100);
      const path = `/knowledge/search${query({
        q: text,
        limit: searchOptions.limit,
        locale: searchOptions.locale,
        strictLocale: searchOptions.strictLocale,
        minConfidence: searchOptions.minConfidence,
        prefix: searchOptions.prefix,
        snippetLength: searchOptions.snippetLength,
      })}`;
      const { value } = await request({ method: 'GET', path }, (await answers()).hitsAnswer);
      const hits = value.hits as unknown as KnowledgeHit[];
      // A function cannot travel: the filter applies to the hits that came back.
      return searchOptions.filter ? hits.filter((hit) => searchOptions.filter!(hit.article)) : hits;
    },

    async suggestKnowledge(text: string, suggestOptions: KnowledgeSuggestOptions = {}) {
      checkText(text);
      checkLimit(suggestOptions.limit, 100);
      const path = `/knowledge/suggest${query({
        q: text,
        limit: suggestOptions.limit,
        locale: suggestOptions.locale,
        strictLocale: suggestOptions.strictLocale,
      })}`;
      const { value } = await request({ method: 'GET', path }, (await answers()).suggestionsAnswer);
      return value.suggestions as unknown as KnowledgeSuggestion[];
    },
  };
}

/**
 * The customer's operations of the REST contract (`docs/openapi.yaml`) — create, get, reply,
 * rate, transition (reopen), upload, knowledge search and suggest — for
 * `createCustomerClient({ transport })`: the same requests, checks and typed errors as
 * `httpTransport`, without the agents' operations (a smaller download for customer pages).
 */
export function customerHttpTransport(options: HttpTransportOptions): CustomerService {
  return customerHttpOperations(options, createSender(options));
}
