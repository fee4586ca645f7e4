import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { warrantyStatus } from '../../src/index.js';

describe('warrantyStatus', () => {
  it('runs 12 months from the purchase date, the last day included', () => {
    const product = { model: 'KFR-35GW', purchaseDate: '2025-06-01' };
    assert.deepEqual(warrantyStatus(product, { now: '2026-05-31T12:00:00Z' }), { state: 'in_warranty', until: '2026-05-31', source: 'purchase_date' });
    assert.equal(warrantyStatus(product, { now: '2026-06-01T00:00:00Z' }).state, 'expired');
    assert.equal(warrantyStatus(product, { now: '2026-06-01T00:00:00Z', months: 24 }).until, '2027-05-31');
  });

  it('prefers the recorded warranty end', () => {
    assert.deepEqual(warrantyStatus({ purchaseDate: '2020-01-01', warrantyEnd: '2030-06-01' }, { now: '2026-11-23T00:00:00Z' }), { state: 'in_warranty', until: '2030-06-01', source: 'warranty_end' });
  });

  it('clamps to the month end and counts days in the given time zone', () => {
    assert.equal(warrantyStatus({ purchaseDate: '2024-01-31' }, { months: 1 }).until, '2024-02-28');
    // 2026-05-31 23:30 UTC is already 1 June in Shanghai.
    assert.equal(warrantyStatus({ purchaseDate: '2025-06-01' }, { now: '2026-05-31T23:30:00Z', timeZone: 'Asia/Shanghai' }).state, 'expired');
    assert.equal(warrantyStatus({ purchaseDate: '2025-06-01' }, { now: '2026-05-31T23:30:00Z' }).state, 'in_warranty');
  });

  it('is unknown without dates', () => {
    assert.deepEqual(warrantyStatus({ model: 'X' }), { state: 'unknown' });
    assert.deepEqual(warrantyStatus(undefined), { state: 'unknown' });
  });
});
