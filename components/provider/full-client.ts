// What the provider loads on demand for local mode and agent elements: the full client (Redux
// store, local engine, workflows, SLA) and the complete HTTP transport. One chunk, kept out of
// a customer page's download.
export { createClient } from '../../src/client/create-client.js';
export { httpTransport } from '../../src/client/http-transport.js';
