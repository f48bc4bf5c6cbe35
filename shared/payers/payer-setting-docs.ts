import { PAYER_SETTING_DEFAULTS, type PayerSettingName } from './payer-policy.ts';

/** What a billing setting means, for the generated settings page and `claim-scrubber explain <setting>`. */
export interface PayerSettingDoc {
  /** The values it takes and what each means. */
  values: string;
  /** Its default, in words (from PAYER_SETTING_DEFAULTS). */
  defaultText: string;
  /** Why it is a setting: what the sources say, how strong they are, and where payers differ. */
  why: string;
}

const list = (values: readonly string[]): string => `[${values.map((v) => `"${v}"`).join(', ')}]`;
const forTypes = (types: readonly string[]): string =>
  `\`true\` for type${types.length === 1 ? '' : 's'} ${types.map((t) => `\`${t}\``).join(' and ')}, \`false\` for every other type`;

/** Every billing setting, in the order the payer policy file lists them. */
export const PAYER_SETTING_DOCS: Readonly<Record<PayerSettingName, PayerSettingDoc>> = {
  perDiemDayBasis: {
    values: '`calendar_days`: every day from a per-diem line\'s first date to its last counts (each day the patient has access to the therapy); `therapy_days`: only the days the therapy is given',
    defaultText: `\`${PAYER_SETTING_DEFAULTS.perDiemDayBasis}\``,
    why: 'NHIA\'s per-diem definition, repeated word for word in Oregon Medicaid\'s rule (OAR 410-148-0100), bills each day the patient has access to a therapy dosed up to every 72 hours: the trade association\'s public summary and a state regulation, both strong. BCBS North Dakota\'s own policy bills each day an infusion is given (24 hours is one day): `therapy_days`. BCBS North Carolina\'s notice (2011, old) counts hours of infusion, a continuous 24–48 hours being one per diem, nearest to `therapy_days`.',
  },
  perDiemLineSpan: {
    values: '`span_allowed`: a per-diem line may cover several days (from–through dates, units = days); `one_line_per_day`: one line per day',
    defaultText: `\`${PAYER_SETTING_DEFAULTS.perDiemLineSpan}\``,
    why: 'The payers\' own billing instructions found all bill a per diem over a span: HMSA\'s example bills S9494 × 14 on one line, Blue Cross of Idaho wants the episode\'s from–through dates with at least 7 days a line, and BCBS North Dakota one calendar month per line. None found wants one line per day. Limits on a span\'s length (a calendar month, 7 days) are not expressed by this setting.',
  },
  concurrentModifiers: {
    values: 'at least 2 modifiers, each 2 uppercase letters or digits, none repeated: the first goes on the per diem of a day\'s second therapy, the second on the third and later therapies\', and any further ones on every concurrent therapy',
    defaultText: `\`${list(PAYER_SETTING_DEFAULTS.concurrentModifiers)}\``,
    why: 'CMS\'s descriptors of SH (second concurrently administered infusion therapy) and SJ (third or more), NHIA\'s coding standard (only its public summary is available) and HMSA\'s billing instructions, all strong. BCBS North Carolina\'s notice (2011, old) also wants 59 with SH or SJ: `["SH", "SJ", "59"]`.',
  },
  suitePos: {
    values: 'at least 1 place-of-service code of 2 digits, none repeated',
    defaultText: `\`${list(PAYER_SETTING_DEFAULTS.suitePos)}\``,
    why: 'BCBS North Dakota\'s own policy bills the home-infusion suite with POS 49 (independent clinic), and 11 for a provider\'s office. NHIA\'s suite guidance beyond its SS instruction is for members only. Some payers may want 11 (office) instead, though no public policy saying so was found, and UnitedHealthcare\'s suite POS was not found in any public source: set it per contract.',
  },
  ndcRequired: {
    values: '`true`, `false`: drug lines need an NDC, with its quantity and unit',
    defaultText: forTypes(PAYER_SETTING_DEFAULTS.ndcRequiredFor),
    why: 'Federal law (the Deficit Reduction Act of 2005, §6002) has state Medicaid programs collect NDCs on physician-administered drugs (CMS\'s letter to state Medicaid directors SMDL 06-016; South Dakota Medicaid applies it to nurses and every provider who gives drugs), so Medicaid claims without them are denied: strong. Some commercial plans require NDCs too, e.g. BlueCross BlueShield of South Carolina and BlueChoice since 2016 (the payer\'s own notice): set `true` for such a plan.',
  },
  lpnNursingAllowed: {
    values: '`true`, `false`: a licensed practical nurse may perform the home-infusion visit (99601/99602)',
    defaultText: `\`${String(PAYER_SETTING_DEFAULTS.lpnNursingAllowed)}\``,
    why: 'BCBS North Carolina\'s and BCBS Montana\'s own policies accept a registered nurse or an LPN; BCBS Michigan\'s accepts only registered nurses with home-infusion training. All are the payers\' own policies, so it is the payer\'s choice: set `false` for a payer like BCBS Michigan.',
  },
  followsNcci: {
    values: '`true`, `false`: the payer applies CMS\'s NCCI edits (procedure-to-procedure pairs and medically unlikely edits, MUEs)',
    defaultText: forTypes(PAYER_SETTING_DEFAULTS.followsNcciFor),
    why: 'CMS publishes the NCCI edits for Medicare and a separate set for Medicaid: strong. Commercial plans may adopt them: Regence\'s own policy applies the CMS MUEs. Set `true` for such a plan.',
  },
};

/** The setting a name stands for, matched without regard to case (`ndcrequired` finds `ndcRequired`). */
export function findPayerSetting(name: string): PayerSettingName | undefined {
  const wanted = name.trim().toLowerCase();
  return (Object.keys(PAYER_SETTING_DOCS) as PayerSettingName[]).find((setting) => setting.toLowerCase() === wanted);
}
