import { describe, expect, it } from 'vitest';
import { claimViewOf, memberName } from '../../shared/application/worklist/claim-view.ts';
import { decodeCursor, encodeCursor, listOrderOf, matchesFilters } from '../../shared/application/worklist/filters.ts';
import type { ListedItem } from '../../shared/application/worklist/ports.ts';
import { parseAction, parseCorrection, parseListRequest } from '../../shared/application/worklist/requests.ts';
import { allowedActions, WorklistService } from '../../shared/application/worklist/service.ts';
import type { WorklistOutbox, WorklistStore } from '../../shared/application/worklist/ports.ts';
import { parseOrganisations } from '../../shared/aws/worklist-config.ts';
import { userFromClaims } from '../../functions/worklist-api/user-from-claims.ts';
import { ACME, reviewer, supervisor } from './support.ts';

const row = (changes: Partial<ListedItem> = {}): ListedItem => ({
  claimReference: 'cr-0123456789abcdef0123',
  claimId: 'C-1',
  claimVersion: '2026-11-30T09:00:00.000Z#000000000',
  state: 'open',
  scrubStatus: 'flagged',
  medicareDenialRisk: false,
  ruleIds: ['SD-NOT-RN'],
  payerId: 'BVPPO',
  serviceDates: { from: '2026-10-01', to: '2026-10-03' },
  assignee: undefined,
  openedAt: '2026-11-30T09:00:01.000Z',
  updatedAt: '2026-11-30T09:00:01.000Z',
  ...changes,
});

describe('the list filters and cursor', () => {
  it.each([
    [{ ruleId: 'SD-NOT-RN' }, true],
    [{ ruleId: 'SS-MEDICARE' }, false],
    [{ status: 'rejected' as const }, false],
    [{ payerId: 'BVPPO', medicareDenialRisk: false }, true],
    [{ assignee: null }, true],
    [{ assignee: 'rita' }, false],
    [{ serviceFrom: '2026-10-03' }, true],
    [{ serviceFrom: '2026-10-04' }, false],
    [{ serviceTo: '2026-10-01' }, true],
    [{ serviceTo: '2026-09-30' }, false],
  ])('%o matches: %s', (filters, expected) => {
    expect(matchesFilters(row(), filters)).toBe(expected);
  });

  it('a claim with no service dates matches no date filter', () => {
    expect(matchesFilters(row({ serviceDates: undefined }), { serviceFrom: '2000-01-01' })).toBe(false);
  });

  it('orders denial risk first and carries no claim id in the cursor', () => {
    const risky = listOrderOf(row({ medicareDenialRisk: true, openedAt: '2026-12-01T00:00:00.000Z' }));
    const older = listOrderOf(row());
    expect(risky < older).toBe(true);
    const cursor = encodeCursor(older);
    expect(Buffer.from(cursor, 'base64url').toString()).not.toContain('C-1');
    expect(decodeCursor(cursor)).toBe(older);
    expect(() => decodeCursor(encodeCursor('1#2026-11-30T09:00:01.000Z#claim#123#C-1'))).toThrow(/cursor/);
  });
});

describe('the counts', () => {
  it('count payers, rules and assignees whose ids are names every object answers to, like any other', async () => {
    const rows = [
      row({ payerId: 'constructor', assignee: 'toString' }),
      row({ payerId: '__proto__', ruleIds: ['__proto__', 'SD-NOT-RN'] }),
      row({ payerId: 'constructor', assignee: '__proto__' }),
      row({ payerId: 'hasOwnProperty', assignee: 'toString' }),
    ];
    const store = { listAll: async () => rows } as unknown as WorklistStore;
    const service = new WorklistService({ store, outbox: {} as WorklistOutbox, organisations: [ACME], claimReferenceKey: async () => 'key' });
    const counts = JSON.parse(JSON.stringify(await service.counts(reviewer, {}))) as Awaited<ReturnType<WorklistService['counts']>>;
    expect(Object.entries(counts.byPayer).sort()).toEqual([['__proto__', 1], ['constructor', 2], ['hasOwnProperty', 1]]);
    expect(Object.entries(counts.byRule).sort()).toEqual([['SD-NOT-RN', 4], ['__proto__', 1]]);
    expect(Object.entries(counts.byAssignee).sort()).toEqual([['__proto__', 1], ['toString', 2]]);
    expect(counts.unassigned).toBe(1);
  });
});

describe('requests and tokens read at the edge', () => {
  it('refuses unknown fields, kinds and oversize details, naming the field', () => {
    expect(() => parseListRequest({ filters: { colour: 'red' } })).toThrow(/colour|unrecognized/i);
    expect(() => parseListRequest({ limit: 1_000 })).toThrow(/limit/);
    expect(() => parseAction({ kind: 'delete', claimVersion: '2026-11-30T09:00:00.000Z#000000000' })).toThrow(/kind/);
    expect(() => parseAction({ kind: 'note', claimVersion: 'yesterday', note: 'x' })).toThrow(/claimVersion/);
    expect(() => parseCorrection({ claimVersion: '2026-11-30T09:00:00.000Z#000000000', file: { name: 'a.json', text: '' } })).toThrow(/text/);
    expect(parseListRequest(undefined)).toEqual({});
  });

  it('reads the user from API Gateway\'s flattened claims and from arrays alike; no organisation or role, no user', () => {
    const flattened = { sub: 'abc', email: 'rita@example.org', 'cognito:groups': '[reviewer supervisor]', 'custom:organisation': 'acme' };
    expect(userFromClaims(flattened)).toEqual({ id: 'rita@example.org', organisationId: 'acme', roles: ['reviewer', 'supervisor'] });
    expect(userFromClaims({ ...flattened, 'cognito:groups': ['reviewer', 'admins'] })?.roles).toEqual(['reviewer']);
    expect(userFromClaims({ ...flattened, 'cognito:groups': '[admins]' })).toBeUndefined();
    expect(userFromClaims({ ...flattened, 'custom:organisation': undefined })).toBeUndefined();
    expect(userFromClaims(undefined)).toBeUndefined();
  });

  it('checks the organisations: valid NPIs, one owner each', () => {
    expect(parseOrganisations('[{"id":"a","billingNpis":["1234567893"]}]')).toEqual([{ id: 'a', name: 'a', billingNpis: ['1234567893'] }]);
    expect(() => parseOrganisations('[{"id":"a","billingNpis":["1234567890"]}]')).toThrow(/not a valid NPI/);
    expect(() => parseOrganisations('[{"id":"a","billingNpis":["1234567893"]},{"id":"b","billingNpis":["1234567893"]}]')).toThrow(/owned by both a and b/);
    expect(() => parseOrganisations('{}')).toThrow(/non-empty list/);
  });
});

describe('the claim page', () => {
  it('reads a claim that breaks the contract without failing, and escapes control characters', () => {
    const view = claimViewOf({ claimId: 'C\u001b[2J', payer: 'not an object', lines: [{ procedureCode: 42 }, 'junk'], patient: { memberId: 'M1', lastName: 'doe', firstName: 'jane', birthDate: '1960-01-01' } });
    expect(view?.claimId).not.toContain('\u001b');
    expect(view?.payer).toEqual({ id: '', name: null, type: 'other' });
    expect(view?.lines).toEqual([expect.objectContaining({ lineNumber: 1, procedureCode: '', units: 0 })]);
    expect(view?.member).toEqual({ memberId: 'M1', name: 'DOE, J.' });
    expect(JSON.stringify(view)).not.toContain('1960');
    expect(claimViewOf('not a claim')).toBeNull();
    expect(memberName(null, 'Jane')).toBeNull();
  });

  it('offers override only to a supervisor, on an open flagged claim', () => {
    const item = { ...row(), resultKey: 'claim#1234567893#C-1', billingNpi: '1234567893', deduplicationId: 'd' };
    expect(allowedActions(reviewer, item)).not.toContain('override');
    expect(allowedActions(supervisor, item)).toContain('override');
    expect(allowedActions(supervisor, { ...item, scrubStatus: 'rejected' })).not.toContain('override');
    expect(allowedActions(supervisor, { ...item, state: 'resolved' })).toEqual(['note', 'assign', 'reopen']);
  });
});
