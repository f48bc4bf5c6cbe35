import type { ClaimInput, PayerType, Performer } from '../shared/claim/contract.ts';
import { npiCheckDigit } from '../shared/claim/npi.ts';

type LineInput = ClaimInput['lines'][number];
type DocumentationInput = NonNullable<ClaimInput['documentation']>;

/** The seed `npm run bench` uses; any other seed gives another, equally realistic, claim set. */
export const DEFAULT_SEED = 20200302;

/** Returns floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit PRNG that is tiny and fast, so generating 100,000 claims stays cheap and the
 * same seed gives byte-identical claims on every machine (Math.random cannot be seeded).
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PayerChoice {
  id: string;
  name: string;
  type: PayerType;
}

/**
 * Weights follow a home-infusion pharmacy's book of business: mostly commercial, then Medicare and its
 * Advantage plans, then Medicaid. Ids in data/payer-policy.json are mixed with ids it does not know, so
 * PAYER-POLICY-UNKNOWN and PAYER-SS-NOT-ACCEPTED both get work.
 */
const PAYERS: readonly (readonly [number, PayerChoice])[] = [
  [12, { id: 'MCR-JM', name: 'Medicare Part B (Jurisdiction M)', type: 'medicare' }],
  [6, { id: 'MCR-J15', name: 'Medicare Part B (Jurisdiction 15)', type: 'medicare' }],
  [8, { id: 'SUMMA', name: 'Summit Medicare Advantage', type: 'medicare_advantage' }],
  [5, { id: 'HRZN-MA', name: 'Horizon Medicare Advantage', type: 'medicare_advantage' }],
  [8, { id: 'STMCD', name: 'State Medicaid', type: 'medicaid' }],
  [4, { id: 'TXMCD', name: 'Texas Medicaid', type: 'medicaid' }],
  [14, { id: 'NWHP', name: 'Northwind Health Plan', type: 'commercial' }],
  [14, { id: 'BVPPO', name: 'Blue Valley PPO', type: 'commercial' }],
  [8, { id: 'LSHMO', name: 'Lakeshore HMO', type: 'commercial' }],
  [8, { id: 'AETNA-PPO', name: 'Aetna Choice POS II', type: 'commercial' }],
  [6, { id: 'UHC-CHOICE', name: 'UnitedHealthcare Choice Plus', type: 'commercial' }],
  [3, { id: 'TRICARE', name: 'TRICARE East', type: 'other' }],
];

interface Therapy {
  name: string;
  perDiem: readonly string[];
  drugs: readonly string[];
  medications: readonly string[];
}

/** Per-diem S-codes with the J-codes billed alongside them; every code is in the bundled 2020 release. */
const THERAPIES: readonly (readonly [number, Therapy])[] = [
  [
    40,
    {
      name: 'IV antibiotic',
      perDiem: ['S9500', 'S9501', 'S9502', 'S9503', 'S9504', 'S9494', 'S9497'],
      drugs: ['J0696', 'J0690', 'J3370', 'J2543', 'J1335', 'J0878', 'J1956', 'J3490'],
      medications: ['ceftriaxone 2 g IV', 'cefazolin 2 g IV', 'vancomycin 1.25 g IV', 'ertapenem 1 g IV', 'daptomycin 500 mg IV'],
    },
  ],
  [
    14,
    {
      name: 'IVIG immunotherapy',
      perDiem: ['S9338'],
      drugs: ['J1569', 'J1561', 'J1459'],
      medications: ['Gammagard liquid 30 g IV', 'Privigen 35 g IV'],
    },
  ],
  [10, { name: 'pain management', perDiem: ['S9325'], drugs: ['J2270', 'J1170', 'J3490'], medications: ['morphine PCA', 'hydromorphone PCA'] }],
  [12, { name: 'IV hydration', perDiem: ['S9373', 'S9374'], drugs: ['J7050', 'J7042', 'J7120'], medications: ['normal saline 1 L', 'lactated Ringer 1 L'] }],
  [6, { name: 'IV corticosteroid', perDiem: ['S9490'], drugs: ['J1100', 'J2930'], medications: ['methylprednisolone 1 g IV'] }],
  [6, { name: 'antiemetic', perDiem: ['S9351'], drugs: ['J2405'], medications: ['ondansetron 8 mg IV'] }],
  [5, { name: 'anti-TNF biologic', perDiem: ['S9359'], drugs: ['J1745'], medications: ['infliximab 5 mg/kg IV'] }],
  [7, { name: 'anticoagulation', perDiem: ['S9336'], drugs: ['J1644', 'J1642'], medications: ['heparin 25,000 units IV'] }],
];

const SUPPLIES = ['IV administration set', 'saline flush', 'PICC dressing kit', 'ambulatory pump cassette'];
const DIAGNOSES = ['A41.9', 'T81.44XA', 'J15.9', 'N39.0', 'L03.115', 'M86.9', 'D80.1', 'G89.3', 'E86.0', 'K50.90', 'I26.99'];
const FIRST_NAMES = ['Dana', 'Alex', 'Maria', 'James', 'Priya', 'Chen', 'Fatima', 'Robert', 'Grace', 'Luis'];
const LAST_NAMES = ['Rivera', 'Smith', 'Nguyen', 'Okafor', 'Kowalski', 'Haddad', 'Johnson', 'Garcia', 'Lee', 'Brown'];
const FACILITIES = ['Riverbend Home Infusion', 'Prairie Infusion Pharmacy', 'Coastal Home IV Services'];
/** Medicare's own home-infusion visit codes (HIT benefit), which Medicare claims use instead of 99601. */
const MEDICARE_VISIT_CODES = ['G0068', 'G0069', 'G0070'];
/** Extra modifiers that pile up on a line; five of them break the 837P's four slots (MODIFIER-LIMIT). */
const EXTRA_MODIFIERS = ['KX', 'GA', 'GY', 'GZ', 'RT', 'LT', 'KO', 'JW'];

const npiPool: readonly string[] = Array.from({ length: 24 }, (_, i) => npiWithCheckDigit(String(123456780 + i * 7919).padStart(9, '0')));

/** Generates `count` contract-valid claim inputs; the same seed always yields the same claims. */
export function generateClaims(count: number, seed: number = DEFAULT_SEED): ClaimInput[] {
  const random = mulberry32(seed);
  const claims: ClaimInput[] = new Array<ClaimInput>(count);
  for (let i = 0; i < count; i++) claims[i] = generateClaim(random, i, seed);
  return claims;
}

function generateClaim(random: Random, index: number, seed: number): ClaimInput {
  const r = makePicker(random);
  const payer = r.weighted(PAYERS);
  const isMedicare = payer.type === 'medicare';
  const therapy = r.weighted(THERAPIES);
  // Medicare has no suite benefit, so suite claims to it are the mistake SS-MEDICARE exists for.
  const suite = r.chance(isMedicare ? 0.12 : 0.45);
  const placeOfService = suite ? r.weighted<string | undefined>([[80, '49'], [15, '11'], [5, '12']]) : r.weighted<string | undefined>([[95, '12'], [5, undefined]]);

  const dateCount = r.weighted([[70, 1], [20, 2], [10, 3]]);
  const firstDay = r.int(0, 366 - dateCount);
  const dates = Array.from({ length: dateCount }, (_, d) => isoDateOf2020(firstDay + d));
  const maxLines = r.int(1, 8);

  const lines: LineInput[] = [];
  let visitMinutesForDoc: number | undefined;
  const add = (line: Omit<LineInput, 'lineNumber'>): void => {
    if (lines.length < maxLines) lines.push({ lineNumber: lines.length + 1, ...line });
  };

  for (const serviceDate of dates) {
    if (r.chance(0.9)) {
      add({
        procedureCode: r.pick(therapy.perDiem),
        units: 1,
        serviceDate,
        ...modifiersOf(r, suite ? suiteModifiers(r) : isMedicare && r.chance(0.3) ? ['GY'] : []),
        chargeAmount: r.money(120, 420),
        ...(r.chance(0.5) ? { performedBy: 'pharmacist' as const } : {}),
      });
    }

    if (r.chance(0.6)) {
      const minutes = r.weighted([[55, r.int(45, 120)], [45, r.int(121, 330)]]);
      visitMinutesForDoc ??= minutes;
      const nurse = r.weighted<Performer>([[80, 'RN'], [12, 'LPN'], [5, 'pharmacist'], [3, 'other']]);
      const primaryCode = isMedicare && !suite && r.chance(0.6) ? r.pick(MEDICARE_VISIT_CODES) : '99601';
      const nurseModifiers = (): string[] => {
        const mods = suite ? suiteModifiers(r) : [];
        if ((nurse === 'RN' && r.chance(suite ? 0.7 : 0.4)) || (nurse === 'LPN' && r.chance(0.25))) mods.push('SD');
        return mods;
      };
      add({
        procedureCode: primaryCode,
        units: 1,
        serviceDate,
        ...modifiersOf(r, nurseModifiers()),
        chargeAmount: r.money(140, 240),
        ...(r.chance(0.85) ? { infusionMinutes: minutes } : {}),
        performedBy: nurse,
      });
      const earned = earnedUnits(minutes);
      if (primaryCode === '99601' && earned > 0 && r.chance(0.92)) {
        // Coders get the half-hour rule wrong now and then: one unit too many or too few.
        const units = r.chance(0.85) ? earned : Math.max(1, earned + r.pick([-1, 1]));
        const mods = nurseModifiers();
        if (suite && r.chance(0.05)) mods.splice(mods.indexOf('SS'), 1);
        add({ procedureCode: '99602', units, serviceDate, ...modifiersOf(r, mods), chargeAmount: r.money(60, 90) * units, performedBy: nurse });
      }
    } else if (r.chance(0.06)) {
      // The extra hour billed on a date whose first-two-hours visit was never entered.
      add({ procedureCode: '99602', units: r.int(1, 2), serviceDate, ...modifiersOf(r, suite ? suiteModifiers(r) : []), performedBy: 'RN' });
    }

    const drugLines = r.weighted([[30, 0], [50, 1], [20, 2]]);
    for (let d = 0; d < drugLines; d++) {
      const mods: string[] = [];
      // SS belongs on the service code, not the drug: a common miscoding on suite claims.
      if (suite && r.chance(0.08)) mods.push('SS');
      if (r.chance(0.06)) mods.push('JW');
      if (r.chance(0.01)) mods.push(r.pick(['59', 'JZ'])); // 59 is CPT-only, JZ arrived in 2023: unknown to the 2020 release.
      const procedureCode = r.pick(therapy.drugs);
      add({ procedureCode, units: r.int(1, 6), serviceDate, ...modifiersOf(r, mods), chargeAmount: r.money(8, 900), ...drugOf(r, procedureCode) });
    }
  }

  if (r.chance(0.003)) add({ procedureCode: r.pick(['S9599', 'G0088']), units: 1, serviceDate: dates[0] ?? '2020-01-02' });
  if (lines.length === 0) add({ procedureCode: r.pick(therapy.perDiem), units: 1, serviceDate: dates[0] ?? '2020-01-02', chargeAmount: r.money(120, 420) });

  const lastDate = dates[dates.length - 1] ?? '2020-01-02';
  const documentation = documentationOf(r, suite, therapy, dates[0] ?? lastDate, visitMinutesForDoc);
  const memberNumber = String(100000 + index).padStart(6, '0');
  return {
    claimId: `BENCH-${seed.toString(36)}-${index}`,
    submittedAt: `${addDays(lastDate, r.int(1, 14))}T${String(r.int(8, 18)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00Z`,
    payer: { id: payer.id, ...(r.chance(0.7) ? { name: payer.name } : {}), type: payer.type },
    patient: {
      memberId: `${payer.id.slice(0, 3)}${memberNumber}`,
      firstName: r.pick(FIRST_NAMES),
      lastName: r.pick(LAST_NAMES),
      birthDate: `${r.int(1935, 2004)}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`,
    },
    billingProvider: { npi: r.pick(npiPool), name: r.pick(FACILITIES) },
    ...(r.chance(0.8) ? { renderingProvider: { npi: r.pick(npiPool), credential: r.pick(['RN', 'RN', 'PharmD']) } } : {}),
    ...(placeOfService === undefined ? {} : { placeOfService }),
    diagnosisCodes: r.chance(0.3) ? [r.pick(DIAGNOSES), r.pick(DIAGNOSES)] : [r.pick(DIAGNOSES)],
    lines,
    ...(documentation ? { documentation } : {}),
  };
}

/** NDCs of the public X12 TR3 home-infusion example: the generator bills real products' codes. */
const NDCS = ['00004196501', '63323024910', '00338004938', '08290033010', '08290038005'];

/**
 * The NDC a drug line carries, as billing systems send it: most lines right (11 digits, a quantity and
 * unit), some without one, a few in the 10-digit package form; an unlisted code mostly with its description.
 */
function drugOf(r: Picker, procedureCode: string): Pick<LineInput, 'drug' | 'description'> {
  const description = procedureCode === 'J3490' && r.chance(0.85) ? { description: 'Sod Chl 0.9% see NDC' } : {};
  const form = r.weighted<'right' | 'none' | 'hyphenated'>([[88, 'right'], [8, 'none'], [4, 'hyphenated']]);
  if (form === 'none') return description;
  const ndc = r.pick(NDCS);
  return { ...description, drug: { ndc: form === 'right' ? ndc : `${ndc.slice(1, 5)}-${ndc.slice(5, 9)}-${ndc.slice(9)}`, quantity: r.int(1, 10), unit: 'UN' } };
}

/** SS, occasionally with the extras that break the four-slot limit or repeat a modifier. */
function suiteModifiers(r: Picker): string[] {
  const mods = ['SS'];
  if (r.chance(0.02)) mods.push('SS');
  return mods;
}

/** Adds the rare pile-up of extra modifiers and lower-case entry; omits the field when there are none. */
function modifiersOf(r: Picker, mods: string[]): { modifiers?: string[] } {
  if (r.chance(0.016)) {
    // Four still fits the 837P; piling up to exactly four keeps MODIFIER-LIMIT's boundary exercised.
    const target = r.weighted([[1, 4], [2, 5], [1, 6]]);
    while (mods.length < target) mods.push(r.pick(EXTRA_MODIFIERS));
  }
  if (mods.length === 0) return {};
  // The contract accepts lower case on the wire; the scrubber upper-cases it.
  return { modifiers: r.chance(0.01) ? mods.map((m) => m.toLowerCase()) : mods };
}

function documentationOf(r: Picker, suite: boolean, therapy: Therapy, firstDate: string, minutes: number | undefined): DocumentationInput | undefined {
  if (!suite) {
    return r.chance(0.5) ? { medicalNecessity: true, therapyType: therapy.name, medications: [r.pick(therapy.medications)] } : undefined;
  }
  const completeness = r.weighted([[55, 'full'], [35, 'partial'], [10, 'none']] as const);
  if (completeness === 'none') return undefined;
  const duration = minutes ?? r.int(45, 240);
  const start = r.int(8 * 60, 13 * 60);
  // A few records swap time in and out, which DOC-INCOMPLETE reports.
  const [inAt, outAt] = r.chance(0.03) ? [start + duration, start] : [start, start + duration];
  const doc: DocumentationInput = {
    medicalNecessity: true,
    suiteRationale: true,
    therapyType: therapy.name,
    infusionMinutes: duration,
    medications: [r.pick(therapy.medications)],
    supplies: [r.pick(SUPPLIES), r.pick(SUPPLIES)],
    suiteTimeIn: `${firstDate}T${clock(inAt)}-06:00`,
    suiteTimeOut: `${firstDate}T${clock(outAt)}-06:00`,
  };
  if (completeness === 'full') return doc;
  const droppable = ['medicalNecessity', 'suiteRationale', 'therapyType', 'infusionMinutes', 'medications', 'supplies', 'suiteTimeOut'] as const;
  const drops = r.int(1, 3);
  for (let i = 0; i < drops; i++) delete doc[r.pick(droppable)];
  return doc;
}

/** Same unit rule as claim-facts' earnedAddonUnits, restated so the generator stays independent of the code it exercises. */
function earnedUnits(minutes: number): number {
  if (minutes <= 120) return 0;
  const beyond = minutes - 120;
  return Math.floor(beyond / 60) + (beyond % 60 > 30 ? 1 : 0);
}

interface Picker {
  chance(p: number): boolean;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [number, T])[]): T;
  money(min: number, max: number): number;
}

function makePicker(random: Random): Picker {
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  return {
    chance: (p) => random() < p,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted<T>(items: readonly (readonly [number, T])[]): T {
      let total = 0;
      for (const [weight] of items) total += weight;
      let roll = random() * total;
      for (const [weight, item] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[1];
    },
    money: (min, max) => int(min * 100, max * 100) / 100,
  };
}

const DAY_MS = 86_400_000;
const JAN_1_2020 = Date.UTC(2020, 0, 1);

function isoDateOf2020(dayOfYear: number): string {
  return new Date(JAN_1_2020 + dayOfYear * DAY_MS).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function clock(minutesOfDay: number): string {
  return `${pad2(Math.floor(minutesOfDay / 60))}:${pad2(minutesOfDay % 60)}:00`;
}

/** Appends the NPI check digit, so every generated NPI passes the contract. */
function npiWithCheckDigit(nineDigits: string): string {
  return `${nineDigits}${npiCheckDigit(nineDigits)}`;
}
