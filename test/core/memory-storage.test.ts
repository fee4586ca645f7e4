import { describe, it } from 'node:test';
import { memoryStorage } from '../../src/client/memory-storage.js';
import { storageConformanceCases } from '../storage-conformance.js';

// The reference adapter against the shared conformance cases; the Dexie adapter runs the
// same cases in Chromium (test/browser/dexie-storage.test.ts).
describe('memoryStorage conformance', () => {
  for (const c of storageConformanceCases(async () => memoryStorage())) it(c.name, c.run);
});
