import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../shared/codes/code-record.ts';
import { HcpcsFileError, isoDate, parseHcpcsRelease } from '../../shared/codes/hcpcs-file.ts';

const dataFile = (name: string): string => fileURLToPath(new URL(`../../data/hcpcs/${name}`, import.meta.url));
const release2020 = parseHcpcsRelease(readFileSync(dataFile('HCPC2020_ANWEB_w_disclaimer.txt')), { release: 'HCPCS-2020' });
const release2019 = parseHcpcsRelease(readFileSync(dataFile('HCPC2019_CONTR_ANWEB.txt')), { release: 'HCPCS-2019' });

function find(records: CodeRecord[], kind: CodeRecord['kind'], code: string): CodeRecord {
  const record = records.find((r) => r.kind === kind && r.code === code);
  if (!record) throw new Error(`${kind} ${code} not found`);
  return record;
}

interface LineFields {
  code: string;
  recid: '3' | '4' | '7' | '8';
  seq?: string;
  long?: string;
  short?: string;
  coverage?: string;
  betos?: string;
  added?: string;
  effective?: string;
  termination?: string;
  action?: string;
}

/** Builds one fixed-width record line the way CMS lays it out (1-based positions from the record layout). */
function line(fields: LineFields): string {
  const chars = Array.from({ length: 320 }, () => ' ');
  const put = (from: number, value: string | undefined): void => {
    if (value === undefined) return;
    for (let i = 0; i < value.length; i++) chars[from - 1 + i] = value.charAt(i);
  };
  const isModifier = fields.recid === '7' || fields.recid === '8';
  put(1, isModifier ? fields.code.padStart(5) : fields.code);
  put(6, fields.seq ?? '00100');
  put(11, fields.recid);
  put(12, fields.long ?? (fields.recid === '3' || fields.recid === '7' ? `Description of ${fields.code}` : undefined));
  put(92, fields.short ?? (fields.recid === '3' || fields.recid === '7' ? `Short ${fields.code}` : undefined));
  put(230, fields.coverage ?? (fields.recid === '3' || fields.recid === '7' ? 'C' : undefined));
  put(257, fields.betos);
  put(269, fields.added ?? (fields.recid === '3' || fields.recid === '7' ? '20200101' : undefined));
  put(277, fields.effective ?? (fields.recid === '3' || fields.recid === '7' ? '20200101' : undefined));
  put(285, fields.termination);
  put(293, fields.action ?? (fields.recid === '3' || fields.recid === '7' ? 'N' : undefined));
  return chars.join('');
}

const encode = (lines: string[], eol = '\r\n'): Uint8Array => new TextEncoder().encode(lines.join(eol) + eol);

function problemsOf(lines: string[] | Uint8Array): HcpcsFileError {
  const bytes = lines instanceof Uint8Array ? lines : encode(lines);
  try {
    parseHcpcsRelease(bytes, { release: 'TEST', fileName: 'test.txt' });
  } catch (error) {
    expect(error).toBeInstanceOf(HcpcsFileError);
    return error as HcpcsFileError;
  }
  throw new Error('expected parseHcpcsRelease to throw');
}

const A = line({ code: 'A0001', recid: '3' });
const B = line({ code: 'B0002', recid: '3' });

describe('parseHcpcsRelease on the real CMS files', () => {
  it('reads every 2020 record: 6710 procedures and 369 modifiers', () => {
    expect(release2020.filter((r) => r.kind === 'procedure')).toHaveLength(6710);
    expect(release2020.filter((r) => r.kind === 'modifier')).toHaveLength(369);
    expect(release2020.every((r) => r.source === 'HCPCS-2020')).toBe(true);
  });

  it('reads every 2019 record, 506 procedure codes carrying a termination date', () => {
    const procedures = release2019.filter((r) => r.kind === 'procedure');
    expect(procedures).toHaveLength(6440);
    expect(release2019.filter((r) => r.kind === 'modifier')).toHaveLength(360);
    expect(procedures.filter((r) => r.terminationDate !== undefined)).toHaveLength(506);
  });

  it('matches the CMS 2020 coverage and action code tallies', () => {
    const tally = (pick: (r: CodeRecord) => string | undefined): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const r of release2020) {
        const key = pick(r) ?? '(none)';
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    };
    expect(tally((r) => r.coverage)).toEqual({ C: 4024, D: 1956, I: 867, S: 126, M: 106 });
    expect(tally((r) => r.actionCode)).toEqual({ N: 6648, A: 250, D: 99, C: 70, P: 10, S: 2 });
  });

  it('skips the Windows-1252 disclaimer preamble of both files', () => {
    const bytes = readFileSync(dataFile('HCPC2020_ANWEB_w_disclaimer.txt'));
    // The preamble really does hold a Windows-1252 byte (0x92, a right single quote) before the first record.
    const firstRecord = bytes.indexOf('   A1001007');
    expect(bytes.subarray(0, firstRecord).includes(0x92)).toBe(true);
    expect(release2020[0]).toMatchObject({ kind: 'modifier', code: 'A1', longDescription: 'Dressing for one wound' });
    expect(release2019[0]).toMatchObject({ kind: 'modifier', code: 'A1', longDescription: 'Dressing for one wound' });
    expect(release2020.some((r) => /disclaimer|Note regarding/i.test(r.longDescription))).toBe(false);
  });

  it('reads modifier SS field by field', () => {
    for (const records of [release2020, release2019]) {
      const ss = find(records, 'modifier', 'SS');
      expect(ss).toEqual({
        kind: 'modifier',
        code: 'SS',
        longDescription: 'Home infusion services provided in the infusion suite of the iv therapy provider',
        shortDescription: 'Hit in infusion suite',
        coverage: 'I',
        addedDate: '2004-10-01',
        actionEffectiveDate: '2004-10-01',
        actionCode: 'N',
        homeInfusionService: false,
        source: records === release2020 ? 'HCPCS-2020' : 'HCPCS-2019',
      });
      expect('terminationDate' in ss).toBe(false);
      expect('betos' in ss).toBe(false);
    }
  });

  it('reads modifier SD, joining its continuation line', () => {
    expect(find(release2020, 'modifier', 'SD')).toEqual({
      kind: 'modifier',
      code: 'SD',
      longDescription: 'Services provided by registered nurse with specialized, highly technical home infusion training',
      shortDescription: 'Serv by home infusion rn',
      coverage: 'I',
      addedDate: '2001-07-01',
      actionEffectiveDate: '2001-07-01',
      actionCode: 'N',
      homeInfusionService: false,
      source: 'HCPCS-2020',
    });
  });

  it('joins S9500 long description from its three continuation lines', () => {
    const s9500 = find(release2020, 'procedure', 'S9500');
    expect(s9500.longDescription).toBe(
      'Home infusion therapy, antibiotic, antiviral, or antifungal therapy; once every 24 hours; administrative ' +
        'services, professional pharmacy services, care coordination, and all necessary supplies and equipment ' +
        '(drugs and nursing visits coded separately), per diem',
    );
    expect(s9500.shortDescription).toBe('Hit antibiotic q24h diem');
    expect(s9500.betos).toBe('Z2');
  });

  it('collapses stray double spaces in single-line descriptors', () => {
    expect(find(release2020, 'procedure', 'L5668').longDescription).toBe(
      'Addition to lower extremity, below knee, molded distal cushion',
    );
  });

  it('marks the HIT S-codes as home infusion services, coverage I', () => {
    for (const code of ['S5520', 'S5521', 'S5522', 'S5523', 'S9325', 'S9500']) {
      const record = find(release2020, 'procedure', code);
      expect(record.homeInfusionService, code).toBe(true);
      expect(record.coverage, code).toBe('I');
    }
    expect(release2020.filter((r) => r.homeInfusionService)).toHaveLength(52);
    expect(release2020.every((r) => !r.homeInfusionService || (r.kind === 'procedure' && r.code.startsWith('S')))).toBe(true);
  });

  it('reads G0068 as a carrier-judgment code added 2019-01-01, not an HIT S-code', () => {
    for (const records of [release2020, release2019]) {
      const g0068 = find(records, 'procedure', 'G0068');
      expect(g0068.coverage).toBe('C');
      expect(g0068.addedDate).toBe('2019-01-01');
      expect(g0068.homeInfusionService).toBe(false);
      expect(g0068.betos).toBe('M4A');
    }
    // 2019 introduced it (action A); by 2020 it is unchanged (action N).
    expect(find(release2019, 'procedure', 'G0068').actionCode).toBe('A');
    expect(find(release2020, 'procedure', 'G0068').actionCode).toBe('N');
  });

  it('keeps the termination date of a discontinued 2019 code', () => {
    expect(find(release2019, 'procedure', 'C8904')).toMatchObject({
      longDescription: 'Magnetic resonance imaging without contrast, breast; unilateral',
      coverage: 'D',
      betos: 'I2D',
      addedDate: '2001-10-01',
      actionEffectiveDate: '2019-01-01',
      terminationDate: '2018-12-31',
      actionCode: 'D',
    });
    // Still listed in 2020, still terminated.
    expect(find(release2020, 'procedure', 'C8904').terminationDate).toBe('2018-12-31');
  });

  it('never stores blank optional fields as empty strings', () => {
    for (const record of release2020) {
      for (const key of ['coverage', 'betos', 'addedDate', 'actionEffectiveDate', 'terminationDate', 'actionCode'] as const) {
        expect(record[key]).not.toBe('');
      }
    }
  });
});

describe('parseHcpcsRelease field handling', () => {
  it('accepts LF line ends and trailing-space-trimmed lines', () => {
    const records = parseHcpcsRelease(
      encode(
        [
          line({ code: 'S9500', recid: '3', long: 'Home infusion therapy, first part', coverage: 'I', termination: '20201231' }).trimEnd(),
          line({ code: 'S9500', recid: '4', seq: '00200', long: 'second   part' }).trimEnd(),
          '',
          line({ code: 'XY', recid: '7', long: 'A modifier', coverage: ' ', action: ' ' }).trimEnd(),
        ],
        '\n',
      ),
      { release: 'R1' },
    );
    expect(records).toEqual([
      {
        kind: 'procedure',
        code: 'S9500',
        longDescription: 'Home infusion therapy, first part second part',
        shortDescription: 'Short S9500',
        coverage: 'I',
        addedDate: '2020-01-01',
        actionEffectiveDate: '2020-01-01',
        terminationDate: '2020-12-31',
        actionCode: 'N',
        homeInfusionService: true,
        source: 'R1',
      },
      {
        kind: 'modifier',
        code: 'XY',
        longDescription: 'A modifier',
        shortDescription: 'Short XY',
        addedDate: '2020-01-01',
        actionEffectiveDate: '2020-01-01',
        homeInfusionService: false,
        source: 'R1',
      },
    ]);
  });

  it('judges home infusion on the full joined description', () => {
    const [record] = parseHcpcsRelease(
      encode([line({ code: 'S1234', recid: '3', long: 'Home' }), line({ code: 'S1234', recid: '4', long: 'infusion therapy, per diem' })]),
      { release: 'R' },
    );
    expect(record?.longDescription).toBe('Home infusion therapy, per diem');
    expect(record?.homeInfusionService).toBe(true);
  });

  it('validates dates as real calendar days', () => {
    expect(isoDate('20200229')).toBe('2020-02-29');
    expect(isoDate('20190229')).toBeUndefined();
    expect(isoDate('20000229')).toBe('2000-02-29');
    expect(isoDate('19000229')).toBeUndefined();
    expect(isoDate('20200431')).toBeUndefined();
    expect(isoDate('20201301')).toBeUndefined();
    expect(isoDate('2020010')).toBeUndefined();
    expect(isoDate('2020O101')).toBeUndefined();
  });
});

describe('parseHcpcsRelease on malformed files', () => {
  it('rejects a non-record line after the first record, naming its line', () => {
    const error = problemsOf(['Preamble text', A, 'stray text', B]);
    expect(error.problems).toEqual([{ line: 3, message: expect.stringContaining('not an HCPCS record line') }]);
    expect(error.message).toContain('test.txt');
    expect(error.message).toContain('1 problem');
    expect(error.message).toContain('line 3:');
  });

  it('rejects an orphan continuation', () => {
    const error = problemsOf([A, line({ code: 'B0002', recid: '4', long: 'more text' }), B]);
    expect(error.problems.map((p) => p.line)).toEqual([2]);
    expect(error.problems[0]?.message).toMatch(/continuation.*B0002.*A0001/);
  });

  it('rejects a modifier continuation under a procedure and one with no record before it', () => {
    const error = problemsOf([line({ code: 'XY', recid: '8', long: 'x' }), A, line({ code: 'XY', recid: '8', long: 'more' })]);
    expect(error.problems.map((p) => p.line)).toEqual([1, 3]);
  });

  it('rejects bad dates, reporting every one', () => {
    const error = problemsOf([
      A,
      line({ code: 'B0002', recid: '3', added: '20190229' }),
      line({ code: 'C0003', recid: '3', termination: '2019-12-' }),
      line({ code: 'D0004', recid: '3', effective: '20191301' }),
    ]);
    expect(error.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(error.problems[0]?.message).toContain('code added date "20190229"');
    expect(error.problems[1]?.message).toContain('termination date');
    expect(error.problems[2]?.message).toContain('action effective date');
  });

  it('rejects a coverage code outside C, D, I, M, S and an unknown action code', () => {
    const error = problemsOf([A, line({ code: 'B0002', recid: '3', coverage: 'X' }), line({ code: 'C0003', recid: '3', action: 'Z' })]);
    expect(error.problems).toEqual([
      { line: 2, message: expect.stringContaining('coverage code "X"') },
      { line: 3, message: expect.stringContaining('action code "Z"') },
    ]);
  });

  it('rejects malformed procedure and modifier codes', () => {
    const error = problemsOf([
      A,
      line({ code: 'B00-2', recid: '3' }),
      line({ code: 'b0002', recid: '3' }),
      line({ code: 'X!', recid: '7' }),
      // A modifier's positions 1-3 must be blank.
      `ZZZXY${line({ code: 'XY', recid: '7' }).slice(5)}`,
    ]);
    expect(error.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
  });

  it('rejects a duplicate code of the same kind, but not a procedure and modifier that share nothing', () => {
    const error = problemsOf([A, B, line({ code: 'A0001', recid: '3', seq: '00300' })]);
    expect(error.problems).toEqual([{ line: 3, message: 'duplicate procedure code A0001 (first at line 1)' }]);

    const modifiers = problemsOf([line({ code: 'SS', recid: '7' }), A, line({ code: 'SS', recid: '7' })]);
    expect(modifiers.problems.map((p) => p.line)).toEqual([3]);
  });

  it('rejects a line longer than 320 characters', () => {
    const error = problemsOf([A, `${B}X`]);
    expect(error.problems).toEqual([{ line: 2, message: expect.stringContaining('321 characters') }]);
  });

  it('rejects an empty file and one with only a preamble', () => {
    expect(problemsOf(new Uint8Array()).message).toMatch(/test\.txt: no HCPCS records/);
    expect(problemsOf(['Disclaimer', '', 'nothing else']).message).toMatch(/no HCPCS records/);
  });

  it('returns nothing when one line among many good ones is bad', () => {
    const good = Array.from({ length: 50 }, (_, i) => line({ code: `A${String(i).padStart(4, '0')}`, recid: '3' }));
    const lines = [...good.slice(0, 25), line({ code: 'B0001', recid: '3', coverage: 'Q' }), ...good.slice(25)];
    const error = problemsOf(lines);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.line).toBe(26);
  });

  it('rejects the real 2020 file with one corrupted byte, naming that line', () => {
    const bytes = readFileSync(dataFile('HCPC2020_ANWEB_w_disclaimer.txt'));
    const ssLine = bytes.indexOf('   SS001007');
    expect(ssLine).toBeGreaterThan(0);
    bytes[ssLine + 229] = 'Q'.charCodeAt(0);
    const error = problemsOf(bytes);
    expect(error.problems).toEqual([{ line: 433, message: expect.stringContaining('coverage code "Q"') }]);
  });

  it('collects all problems but shows the first 20 in the message', () => {
    const bad = Array.from({ length: 25 }, (_, i) => line({ code: `A${String(i).padStart(4, '0')}`, recid: '3', coverage: 'Q' }));
    const error = problemsOf([A, ...bad]);
    expect(error.problems).toHaveLength(25);
    expect(error.message).toContain('25 problems');
    expect(error.message).toContain('line 21:');
    expect(error.message).not.toContain('line 22:');
    expect(error.message).toContain('and 5 more');
  });

  it('allows blank lines anywhere and reports nothing for them', () => {
    const records = parseHcpcsRelease(encode(['', A, '', '   ', B, '']), { release: 'R' });
    expect(records.map((r) => r.code)).toEqual(['A0001', 'B0002']);
  });
});
