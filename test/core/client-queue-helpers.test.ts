import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientActions, createCalendar, createClient, createClientStore, installationWorkflow, standardWorkflow, type SlaPolicy } from '../../src/index.js';
import { buildTicket } from '../../src/testing/index.js';

const office = [['09:00', '18:00']] as Array<[string, string]>;
const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office } });
const policies: SlaPolicy[] = [{ id: 'p', calendarId: 'shanghai', targets: { first_response: 120 } }];

describe('store.businessMinutesLeft', () => {
  it('counts business minutes to the due instant on the policy calendar, negative once overdue', () => {
    let now = Date.parse('2026-11-23T01:00:00.000Z'); // Monday 09:00 Shanghai
    const store = createClientStore({ policies, calendars: { shanghai }, now: () => now, setTimeout: () => 0, clearTimeout: () => {} });
    const ticket = buildTicket({}, [], { now: '2026-11-23T01:00:00.000Z' });
    store.dispatch(clientActions.tickets.upserted([ticket]));
    assert.equal(store.getState().sla.byId[ticket.id]?.calendarId, 'shanghai');
    assert.equal(store.businessMinutesLeft(ticket.id), 120);
    // Due 11:00 (09:00 + 120 business minutes): 30 left at 10:30, 60 over at 12:00.
    assert.equal(store.businessMinutesLeft(ticket.id, Date.parse('2026-11-23T02:30:00.000Z')), 30);
    assert.equal(store.businessMinutesLeft(ticket.id, Date.parse('2026-11-23T04:00:00.000Z')), -60);
    assert.equal(store.businessMinutesLeft(ticket.id, Date.parse('2026-11-23T01:00:00.000Z'), 'first_response'), 120);
    assert.equal(store.businessMinutesLeft('nope'), undefined);
    now = 0;
    assert.equal(typeof store.now(), 'number');
    store.dispose();
  });

  it('falls back to wall-clock minutes when the policy runs around the clock', () => {
    const at = Date.parse('2026-11-23T01:00:00.000Z');
    const store = createClientStore({ policies: [{ id: 'p', targets: { first_response: 60 } }], now: () => at, setTimeout: () => 0, clearTimeout: () => {} });
    const ticket = buildTicket({}, [], { now: '2026-11-23T01:00:00.000Z' });
    store.dispatch(clientActions.tickets.upserted([ticket]));
    assert.equal(store.businessMinutesLeft(ticket.id, at + 15 * 60_000), 45);
    store.dispose();
  });
});

describe('client.workflowFor', () => {
  it('answers the workflow a ticket names, the configured one first', async () => {
    const client = createClient({ storage: 'memory' });
    assert.equal(client.workflowFor({ workflowId: 'standard', type: 'repair' }), standardWorkflow);
    assert.equal(client.workflowFor({ workflowId: 'installation', type: 'installation' }), installationWorkflow);
    assert.equal(client.workflowFor({ workflowId: 'unknown', type: 'installation' }), installationWorkflow);
    await client.close();
    const custom = { ...standardWorkflow, id: 'custom' };
    const configured = createClient({ storage: 'memory', workflow: custom });
    assert.equal(configured.workflowFor({ workflowId: 'custom', type: 'repair' }), custom);
    await configured.close();
  });
});
