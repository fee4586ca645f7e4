/**
 * Test helpers for integrators: fixture builders that make valid tickets, customers and
 * agents in one line, and an msw mock backend that implements the REST contract in memory.
 * @packageDocumentation
 */
export { buildAgent, buildCustomer, buildTicket, buildTicketInput, FIXTURE_NOW } from './fixtures.js';
export { createMockBackend, DEFAULT_MOCK_USERS, MOCK_BASE_URL } from './mock-backend.js';
export type { FaultOptions, MockBackend, MockBackendOptions, MockFaults, MockRequestRecord } from './mock-backend.js';
