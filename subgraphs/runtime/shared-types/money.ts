/** Money as the graph shows it: an exact decimal string and an ISO 4217 currency, never a float. */
export interface Money { amount: string; currency: string }

export function moneyFromCents(cents: number, currency: string): Money {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currency };
}

/** "123.4" or "123,40" (legacy decimal strings) to cents; null when unreadable. */
export function centsFromDecimal(text: string): number | null {
  const match = /^\s*(-?)(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}
