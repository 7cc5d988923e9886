import type { SandboxUtility } from './utilities'

/** The kinds of meter Pelm reports. */
export type MeterType = 'ELECTRIC' | 'GAS'

/** A meter as `GET /accounts` lists it. */
export interface PelmMeter {
  id: string
  type: MeterType
  meter_number: string
}

/** An account (one property) as `GET /accounts` lists it. */
export interface PelmAccount {
  id: string
  account_number: string
  address: string
  available_meter_types: MeterType[]
  usage_unit: 'kWh'
  gas_usage_unit: 'therms'
  ghg_emissions_unit: 'kgCO2e'
  meters: PelmMeter[]
}

/** A monthly bill as `GET /bills` lists it; dates in unix seconds, `end_date` exclusive. */
export interface PelmBill {
  id: string
  start_date: number
  end_date: number
  statement_date: number
  total_amount_due: number
  due_date: number
}

/** One 15-minute reading as `GET /intervals` lists it; times in unix seconds. */
export interface PelmInterval {
  start: number
  end: number
  usage: number
}

/** The unit of each meter type's usage. */
export const USAGE_UNITS = { ELECTRIC: 'kWh', GAS: 'therms' } as const

/** The length of one interval: 15 minutes, in seconds. */
export const INTERVAL_SECONDS = 900

const DAY_SECONDS = 86_400
const BILL_COUNT = 12
/** Dollars per kWh and per therm, and the fixed monthly charge of an account. */
const RATES: Record<MeterType, number> = { ELECTRIC: 0.32, GAS: 2.1 }
const FIXED_CHARGE = 11.5

const STREETS = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Walnut', 'Lake', 'Hill', 'Park', 'Sunset']
const STREET_SUFFIXES = ['St', 'Ave', 'Blvd', 'Dr', 'Way', 'Ln']
/** Cities inside each utility's service area, with their ZIP code prefix. */
const CITIES: Record<string, Record<string, string>> = {
  pge: { 'San Francisco': '941', Oakland: '946', Fresno: '937' },
  sce: { 'Long Beach': '908', Irvine: '926' },
  sdge: { 'San Diego': '921', 'Chula Vista': '919' },
  coned: { 'New York': '100', Brooklyn: '112' },
  comed: { Chicago: '606', Evanston: '602' },
  'duke-energy': { Charlotte: '282', Raleigh: '276' },
  pseg: { Newark: '071', 'Jersey City': '073' },
  'xcel-energy': { Denver: '802', Boulder: '803' },
}
const FALLBACK_CITIES = { Springfield: '627' }

/** FNV-1a: a 32-bit hash of a string, to seed the generator. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  }
  return hash >>> 0
}

/** Mulberry32's output function: spreads a 32-bit state into a number in [0, 1). */
function mix(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
}

/** Mulberry32: a small seeded PRNG, so the same seed string always yields the same data. */
function seededRandom(seed: string): () => number {
  let state = fnv1a(seed)
  return () => {
    state = (state + 0x6d2b79f5) | 0
    return mix(state)
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T
const digits = (random: () => number, length: number): string =>
  Array.from({ length }, () => Math.floor(random() * 10)).join('')
const hex32 = (random: () => number): string =>
  Math.floor(random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')
const randomId = (prefix: string, random: () => number): string =>
  `${prefix}_${hex32(random)}${hex32(random)}`

function sampleAddress(random: () => number, utility: SandboxUtility): string {
  const [city, zipPrefix] = pick(random, Object.entries(CITIES[utility.slug] ?? FALLBACK_CITIES))
  const street = `${100 + Math.floor(random() * 9900)} ${pick(random, STREETS)} ${pick(random, STREET_SUFFIXES)}`
  return `${street}, ${city}, ${utility.state} ${zipPrefix}${digits(random, 2)}`
}

function sampleAccount(random: () => number, utility: SandboxUtility): PelmAccount {
  const types = utility.meterTypes.filter((_, index) => index === 0 || random() < 0.6)
  return {
    id: randomId('acct', random),
    account_number: digits(random, 10),
    address: sampleAddress(random, utility),
    available_meter_types: types,
    usage_unit: 'kWh',
    gas_usage_unit: 'therms',
    ghg_emissions_unit: 'kgCO2e',
    meters: types.map((type) => ({
      id: randomId('mtr', random),
      type,
      meter_number: digits(random, 9),
    })),
  }
}

/**
 * The accounts of one Pelm User: 1 to 3 properties, each with 1 or 2 meters of the utility's
 * types. The same user and utility always get the same accounts, across connections.
 */
export function sampleAccounts(userId: string, utility: SandboxUtility): PelmAccount[] {
  const random = seededRandom(`${utility.id}:${userId}`)
  const count = 1 + Math.floor(random() * 3)
  return Array.from({ length: count }, () => sampleAccount(random, utility))
}

const evening = (hour: number) => Math.exp(-((hour - 19) ** 2) / 6)
const morning = (hour: number) => Math.exp(-((hour - 7.5) ** 2) / 3)
/** 1 on the given day of the year, -1 half a year away. */
const season = (day: number, peakDay: number) => Math.cos((2 * Math.PI * (day - peakDay)) / 365.25)

/**
 * The usage of the interval starting at `start`: a daily shape (morning and evening peaks), a
 * season (electricity peaks in summer, gas in winter), a per-meter scale and per-interval noise,
 * all derived from the meter's seed and the timestamp, so any range is consistent with any other.
 */
function usageAt(type: MeterType, seed: number, start: number): number {
  const hour = (start % DAY_SECONDS) / 3600
  const day = start / DAY_SECONDS
  const scale = 0.7 + 0.6 * mix(seed)
  const jitter = 0.75 + 0.5 * mix(seed ^ Math.imul(start / INTERVAL_SECONDS, 0x9e3779b1))
  const usage =
    type === 'ELECTRIC'
      ? 0.25 * (0.6 + 0.9 * evening(hour) + 0.4 * morning(hour)) * (1 + 0.25 * season(day, 196))
      : 0.02 * (0.5 + 0.8 * morning(hour) + 0.6 * evening(hour)) * (1 + 0.8 * season(day, 15))
  return Math.round(scale * jitter * usage * 10_000) / 10_000
}

/**
 * The 15-minute readings of a meter that lie wholly inside `[start, end)` (unix seconds): 96 a
 * day. Computed from the meter and the timestamps alone, so it is cheap for any range.
 */
export function sampleIntervals(meter: PelmMeter, start: number, end: number): PelmInterval[] {
  const seed = fnv1a(meter.id)
  const intervals: PelmInterval[] = []
  const first = Math.ceil(start / INTERVAL_SECONDS) * INTERVAL_SECONDS
  for (let at = first; at + INTERVAL_SECONDS <= end; at += INTERVAL_SECONDS) {
    intervals.push({ start: at, end: at + INTERVAL_SECONDS, usage: usageAt(meter.type, seed, at) })
  }
  return intervals
}

function amountDue(account: PelmAccount, start: number, end: number): number {
  const usageCost = account.meters.reduce(
    (sum, meter) =>
      sum + RATES[meter.type] * sampleIntervals(meter, start, end).reduce((s, i) => s + i.usage, 0),
    0,
  )
  return Math.round((FIXED_CHARGE + usageCost) * 100) / 100
}

/**
 * The account's last 12 monthly bills whose statement was issued by `nowMs`, newest first. Each
 * covers one calendar month (UTC) and charges for the usage its intervals report.
 */
export function sampleBills(account: PelmAccount, nowMs: number): PelmBill[] {
  const today = new Date(nowMs)
  const monthStart = (offset: number) =>
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1) / 1000
  const bills: PelmBill[] = []
  for (let back = 1; bills.length < BILL_COUNT; back++) {
    const start = monthStart(-back)
    const end = monthStart(1 - back)
    const statementDate = end + 2 * DAY_SECONDS
    if (statementDate * 1000 > nowMs) continue
    bills.push({
      id: randomId('bill', seededRandom(`${account.id}:${start}`)),
      start_date: start,
      end_date: end,
      statement_date: statementDate,
      total_amount_due: amountDue(account, start, end),
      due_date: statementDate + 21 * DAY_SECONDS,
    })
  }
  return bills
}
