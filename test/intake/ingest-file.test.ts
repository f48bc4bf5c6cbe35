import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READER_REJECTION_KEY, readerRejectionIn } from '../../shared/intake/reader-rejection.ts';
import type { ClaimMessage } from '../../shared/intake/claim-message.ts';
import { ingestClaimsFile } from '../../shared/application/ingest-file.ts';
import type { ClaimOutbox } from '../../shared/application/ports.ts';
import { inMemoryClaimOutbox } from '../support/in-memory-outbox.ts';
import { brokenEnvelopeFile, fhirPath, x12Path } from './support.ts';

const recorder = inMemoryClaimOutbox;

const ingest = (path: string, send: ClaimOutbox, extra: object = {}) => ingestClaimsFile(createReadStream(path), { file: path.split('/').at(-1) as string, send, now: () => new Date('2026-11-23T10:00:00Z'), ...extra });

// The shared core of the intake-files function and the local inbox folder: read, send, report.
describe('ingestClaimsFile', () => {
  it('sends every claim of the imsweb 837P file and reports the reader rejections: NPI 1234567890 fails its check digit', async () => {
    const { sent, send } = recorder();
    const report = await ingest(x12Path('x12_valid.txt'), send);
    expect(sent.flat().map((m) => m.claimId)).toEqual(['A37YH556', 'A37YH667']);
    expect(report).toMatchObject({ status: 'processed', format: 'x12', claimsRead: 2, sent: 2, rejectedByReader: 2, rejectedByContract: 0, envelopes: { interchanges: 1, groups: 1, transactions: 1 } });
    expect(report.rejected[0]).toEqual({
      index: 0,
      claimId: 'A37YH556',
      position: 'X12 interchange ISA13 000000905, group GS06 1, transaction ST02 987654, claim CLM01 A37YH556 at segment 20 of the transaction (segment 22 of the file)',
      stage: 'reader',
      errors: [{ path: '2010AA NM1*85 NM109 (segment 7)', message: 'NPI "1234567890" fails the NPI check digit' }],
    });
    expect(report.notes).toContainEqual({ message: 'ICD-9-CM codes (HI BK/BF) are not valid for service dates from 2015-10-01 and were not carried', count: 2 });
    expect(report.summary).toBe('x12_valid.txt: X12 837P, 2 claims read, 2 sent, 2 rejected (2 by the X12 837P reader, 0 by the claim contract)');
  });

  it.each([
    // The imsweb files bill under NPI 1234567890 (bad check digit): the reader names it at 2010AA NM109.
    ['x12_complex.txt', 6, 6, 0],
    ['x12_multiple_isa.txt', 4, 4, 0],
    ['x12_missing_elements.txt', 2, 2, 0],
    ['x12_segment_errors.txt', 1, 1, 0],
    ['x12_many_claims.txt', 820, 820, 0],
    ['x12_multiple_transactions.txt', 624, 624, 0],
    ['x12_valid_different_separators.txt', 2, 2, 0],
    ['x12_home_infusion_claims.txt', 5, 0, 0],
    // HI X12/0104 (CLM01 with a space and a slash) maps; it and HI-X12-0106 share a 31 February birth date.
    ['x12_home_infusion_rejects.txt', 7, 4, 2],
  ])('%s: %i claims read and sent, %i rejected by the reader, %i by the contract', async (name, read, byReader, byContract) => {
    const { sent, send } = recorder();
    const report = await ingest(x12Path(name), send);
    expect(sent.flat()).toHaveLength(read);
    expect(report).toMatchObject({ status: 'processed', claimsRead: read, sent: read, rejectedByReader: byReader, rejectedByContract: byContract });
    expect(report.rejected).toHaveLength(byReader + byContract);
  });

  it('sends a claim its reader rejected as a reader rejection the scrubber can read back, with position and reasons', async () => {
    const { sent, send } = recorder();
    const report = await ingest(x12Path('x12_home_infusion_rejects.txt'), send);
    const message = sent.flat().find((m) => m.claimId === 'HI-X12-0102') as ClaimMessage;
    const body = JSON.parse(message.body) as Record<string, unknown>;
    expect(body).toEqual({ claimId: 'HI-X12-0102', [READER_REJECTION_KEY]: expect.any(Object) });
    expect(readerRejectionIn(body)).toMatchObject({ index: 1, position: { format: 'x12', claimId: 'HI-X12-0102', segment: 20 }, errors: [{ path: 'line 1 DTP*472 (segment 22)', message: 'the service date is required' }] });
    expect(message.attributes).toEqual({
      // The file's hand-in time (this test's clock) and the claim's index: its version.
      claimVersion: '2026-11-23T10:00:00.000Z#000000001',
      sourceFile: 'x12_home_infusion_rejects.txt',
      sourceIndex: '1',
      sourcePosition: 'X12 interchange ISA13 000000201, group GS06 201, transaction ST02 0001, claim CLM01 HI-X12-0102 at segment 20 of the transaction (segment 22 of the file)',
    });
    // A CLM01 with a space and a slash is a usable id: the claim maps, and the contract judges it.
    expect(report.rejected.find((r) => r.claimId === 'HI X12/0104')).toMatchObject({ index: 3, stage: 'contract' });
    expect(report.rejected.find((r) => r.claimId === 'HI-X12-0106')).toMatchObject({ stage: 'contract', errors: [{ path: 'patient.birthDate' }] });
  });

  it('reads the FHIR fixtures: a Bundle, one Claim, and bulk NDJSON whose line that is not JSON is named by its number only', async () => {
    const bundle = await ingest(fhirPath('bundle-claims.json'), recorder().send);
    expect(bundle).toMatchObject({ format: 'fhir', claimsRead: 4, sent: 4, rejectedByReader: 2, rejectedByContract: 0 });
    expect(bundle.rejected.map((r) => [r.claimId, r.position])).toEqual([
      ['HI-FHIR-0103', expect.stringMatching(/^FHIR Bundle\.entry\[\d+\]\.resource \(Claim\/.+\)$/)],
      ['HI-FHIR-0104', expect.stringMatching(/^FHIR Bundle\.entry\[\d+\]\.resource/)],
    ]);
    expect(await ingest(fhirPath('claim-suite-commercial.json'), recorder().send)).toMatchObject({ format: 'fhir', claimsRead: 1, sent: 1, rejected: [] });

    const { sent, send } = recorder();
    const bulk = await ingest(fhirPath('claims-bulk.ndjson'), send);
    expect(bulk).toMatchObject({ format: 'fhir', claimsRead: 2, sent: 2, rejectedByReader: 1 });
    expect(bulk.rejected).toEqual([{ index: 1, claimId: null, position: 'FHIR NDJSON, line 2', stage: 'reader', errors: [{ path: '', message: 'line 2 is not valid JSON' }] }]);
    // Neither the report nor the message repeats the line's text.
    expect(JSON.stringify([bulk, sent])).not.toContain('oops');
  });

  it('names a JSON line that is not JSON by its number, without quoting it', async () => {
    const { sent, send } = recorder();
    const text = `${readFileSync('examples/01-clean-suite-visit.json', 'utf8').replace(/\s+/g, ' ')}\nDOE JANE 1980-01-02 not json\n`;
    const report = await ingestClaimsFile(text, { file: 'mixed.ndjson', send });
    expect(report).toMatchObject({ format: 'json', claimsRead: 2, sent: 2, rejectedByReader: 1 });
    expect(report.rejected).toEqual([{ index: 1, claimId: null, position: 'claim #2 (line 2)', stage: 'reader', errors: [{ path: '', message: 'line 2 is not valid JSON' }] }]);
    expect(JSON.stringify([report, sent])).not.toContain('DOE JANE');
  });

  it('with readerRejections "list", lists a claim its reader rejected and sends only the others', async () => {
    const { sent, send } = recorder();
    const report = await ingest(x12Path('x12_home_infusion_rejects.txt'), send, { readerRejections: 'list' });
    expect(report).toMatchObject({ status: 'processed', claimsRead: 7, sent: 3, rejectedByReader: 4, rejectedByContract: 2, notSent: [] });
    expect(sent.flat().map((m) => JSON.parse(m.body) as object).every((body) => !('readerRejection' in body))).toBe(true);
    expect(report.rejected.filter((r) => r.stage === 'reader')).toHaveLength(4);
  });

  it('tells the caller which claim went out under which message id, and how far it got', async () => {
    const { send } = recorder((m) => m.claimId === 'HI-X12-0003');
    const sentClaims: Array<{ claimId: string | undefined; messageId: string }> = [];
    const progress: Array<{ read: number; sent: number }> = [];
    await ingest(x12Path('x12_home_infusion_claims.txt'), send, {
      chunkSize: 2,
      holdClaims: 2,
      onSent: (claims: ReadonlyArray<{ message: { claimId?: string }; messageId: string }>) => sentClaims.push(...claims.map((c) => ({ claimId: c.message.claimId, messageId: c.messageId }))),
      onProgress: (p: { read: number; sent: number; settled: number }) => progress.push({ read: p.read, sent: p.sent }),
    });
    expect(sentClaims.map((c) => c.claimId)).toEqual(['HI-X12-0001', 'HI-X12-0002', 'HI-X12-0004', 'HI-X12-0005']);
    expect(new Set(sentClaims.map((c) => c.messageId)).size).toBe(4);
    expect(progress.at(-1)).toEqual({ read: 5, sent: 4 });
    expect(progress.map((p) => p.sent)).toEqual([...progress.map((p) => p.sent)].sort((a, b) => a - b));
  });

  it('a file whose envelope breaks late sends none of its claims, and says how many came before the error', async () => {
    const { sent, send } = recorder();
    const report = await ingestClaimsFile(brokenEnvelopeFile(), { file: 'broken.837', send });
    expect(sent).toEqual([]);
    expect(report).toMatchObject({
      status: 'unreadable',
      format: 'x12',
      sent: 0,
      error: { message: 'malformed X12 envelope: segment 206: IEA02 000000999 does not match ISA13 000000102', claimsBefore: 10 },
    });
    expect(report.summary).toBe('broken.837: not read as a claims file: malformed X12 envelope: segment 206: IEA02 000000999 does not match ISA13 000000102 (10 claims before the error; 0 of them sent)');
  });

  it('a file larger than the hold is sent as it is read; its report says what had gone out when the envelope broke', async () => {
    const { sent, send } = recorder();
    const report = await ingestClaimsFile(brokenEnvelopeFile(), { file: 'broken.837', send, holdClaims: 4, chunkSize: 4 });
    // The last two claims were still held when the error came: they are not sent.
    expect(sent.map((chunk) => chunk.length)).toEqual([4, 4]);
    expect(report).toMatchObject({ status: 'unreadable', sent: 8, error: { claimsBefore: 10 } });
    expect(report.summary).toContain('(10 claims before the error; 8 of them sent)');
  });

  it.each([
    ['x12_bad_first_line.txt', null, 'malformed ISA header: ISA02 is 9 characters long but must be exactly 10 (the ISA is fixed-width, 106 characters)'],
    ['x12_no_isa_line.txt', null, 'no ISA at the start of the file: X12 data must begin with an ISA interchange header; this input begins with a GS segment'],
    [
      'x12_999_accepted.txt',
      'x12',
      'the X12 file holds no 837P claims: it is a 999 implementation acknowledgment (999 005010X231A1); its envelope is malformed too: segment 10: IEA02 000000001 does not match ISA13 000000286',
    ],
    ['x12_277CA_accepted.txt', 'x12', 'the X12 file holds no 837P claims: it is a 277CA claim acknowledgment (277 005010X214)'],
  ])('%s is rejected as a whole, with its error, and nothing is sent', async (name, format, message) => {
    const { sent, send } = recorder();
    const report = await ingest(x12Path(name), send);
    expect(sent).toEqual([]);
    expect(report).toMatchObject({ status: 'unreadable', format, claimsRead: 0, sent: 0, error: { message, claimsBefore: 0 } });
  });

  it('reports claims SQS refused as not sent, and the file as incomplete', async () => {
    const { send } = recorder((m) => m.claimId === 'HI-X12-0003');
    const report = await ingest(x12Path('x12_home_infusion_claims.txt'), send);
    expect(report).toMatchObject({ status: 'incomplete', claimsRead: 5, sent: 4, notSent: [{ index: 2, claimId: 'HI-X12-0003', error: 'SQS refused entry: InvalidMessageContents' }] });
    expect(report.summary).toContain('1 could not be sent (the file will be tried again)');
  });

  it('lists at most maxListedRejections rejected claims and counts the rest', async () => {
    const report = await ingest(x12Path('x12_many_claims.txt'), recorder().send, { maxListedRejections: 10 });
    expect(report.rejected).toHaveLength(10);
    expect(report.rejectedNotListed).toBe(810);
  });
});

describe('repeated claim ids', () => {
  it('a file that uses one claim id twice says so, naming the claims; both are sent', async () => {
    const { sent, send } = inMemoryClaimOutbox();
    const claim = readFileSync('examples/01-clean-suite-visit.json', 'utf8').replace(/\s+/g, ' ');
    const other = claim.replace('"HI-2020-0001"', '"HI-2020-0099"');
    const report = await ingestClaimsFile([claim, other, claim].join('\n'), { file: 'twice.ndjson', send });
    expect(sent.flat()).toHaveLength(3);
    expect(report.notes).toEqual([{ message: 'claim id "HI-2020-0001" is used by 2 claims (#1, #3): each is sent, and the last of them (#3) is the version kept; an earlier one may still be routed, marked with an older claimVersion', count: 2 }]);
  });
});
