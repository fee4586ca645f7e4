/**
 * Test helpers for integrators: fixture builders that make valid tickets, customers and
 * agents in one line.
 * @packageDocumentation
 */
export { buildAgent, buildCustomer, buildTicket, buildTicketInput, FIXTURE_NOW } from './fixtures.js';
