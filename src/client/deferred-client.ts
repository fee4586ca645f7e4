import type { ClientEvent } from './create-client.js';
import type { CustomerClient } from './customer-client.js';
import { attachmentIssues, attachmentPolicy, cleanAttachmentName, type AttachmentPolicy } from '../model/attachments.js';
import { ticketSlaOf } from '../sla/statement.js';

/**
 * A customer client that forwards to one still loading: `<ac-provider>` gives it to its
 * elements at once while the code of the full client downloads (local mode), so a search or
 * a submission made meanwhile waits for it instead of going nowhere. `policy` stands for the
 * loading client's attachment policy until it is there.
 * @internal
 */
export function deferredClient(mode: 'local' | 'remote', loading: Promise<CustomerClient>, policy: Partial<AttachmentPolicy> = {}): CustomerClient {
  let loaded: CustomerClient | undefined;
  const fallbackPolicy = attachmentPolicy(policy);
  // Listeners subscribed before the client is there, with what unsubscribes them from it.
  const early = new Map<(event: ClientEvent) => void, () => void>();
  void loading.then(
    (client) => {
      loaded = client;
      for (const listener of early.keys()) early.set(listener, client.subscribe(listener));
    },
    () => undefined,
  );
  const later =
    <A extends unknown[], R>(pick: (client: CustomerClient) => (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      pick(await loading)(...args);
  const ready = loading.then((client) => client.ready);
  // A load the provider dropped (it was reset) must not surface as an unhandled rejection.
  ready.catch(() => undefined);
  return {
    mode,
    ready,
    tickets: {
      create: later((c) => c.tickets.create),
      get: later((c) => c.tickets.get),
      transition: later((c) => c.tickets.transition),
      reply: later((c) => c.tickets.reply),
      rate: later((c) => c.tickets.rate),
    },
    attachments: {
      get policy() {
        return loaded?.attachments.policy ?? fallbackPolicy;
      },
      check: (file) =>
        loaded
          ? loaded.attachments.check(file)
          : attachmentIssues({ name: cleanAttachmentName(file?.name ?? ''), type: String(file?.type ?? '').toLowerCase(), size: file?.size }, fallbackPolicy),
      upload: later((c) => c.attachments.upload),
      url: later((c) => c.attachments.url),
    },
    knowledge: {
      search: later((c) => c.knowledge.search),
      suggest: later((c) => c.knowledge.suggest),
      recordDeflection: (articleId, query) => void loading.then((c) => c.knowledge.recordDeflection(articleId, query)),
    },
    outbox: {
      entries: later((c) => c.outbox.entries),
      flush: later((c) => c.outbox.flush),
      retry: later((c) => c.outbox.retry),
      discard: later((c) => c.outbox.discard),
    },
    sla: (ticket) => (loaded ? loaded.sla(ticket) : ticket?.sla ? ticketSlaOf(ticket.sla) : undefined),
    subscribe(listener) {
      if (loaded) return loaded.subscribe(listener);
      early.set(listener, () => undefined);
      return () => {
        early.get(listener)?.();
        early.delete(listener);
      };
    },
    close: async () => (await loading).close(),
  };
}
