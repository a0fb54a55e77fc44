// How a chart value reads on screen: the same rule as the core's `charts::Unit::format`
// (which the PDF uses), so an axis reads the same on paper and on screen. Figures shown
// outside charts arrive already formatted by the core.
import type { ChartUnit } from './api';

/** `value` with `decimals` decimals, a trailing `.0` dropped, and never `-0`. */
function trimZero(value: number, decimals: number): string {
  let s = value.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function oneDecimalBelowTen(value: number): string {
  return Math.abs(value) < 9.95 ? trimZero(value, 1) : trimZero(value, 0);
}

function groupThousands(value: number): string {
  const n = Math.round(value);
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * A value in its unit: `percent` (a share 0..1) `42%` / `4.5%`; `minutes` `12 min`,
 * `3.2 h`, `2.1 d`; `hours` `3.2 h` or days from 48 h; `days` `12 d`; `count` `12,345`;
 * `currency` `USD 12.3k`. A value that is not finite reads `–`.
 */
export function formatValue(unit: ChartUnit, value: number, currency?: string): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent': {
      const p = value * 100;
      return Math.abs(p) >= 9.95 || p === 0 ? `${trimZero(p, 0)}%` : `${trimZero(p, 1)}%`;
    }
    case 'minutes': {
      const a = Math.abs(value);
      if (a < 59.95) return `${oneDecimalBelowTen(value)} min`;
      if (a < 1440) return `${oneDecimalBelowTen(value / 60)} h`;
      return `${oneDecimalBelowTen(value / 1440)} d`;
    }
    case 'hours':
      return Math.abs(value) < 48 ? `${oneDecimalBelowTen(value)} h` : `${oneDecimalBelowTen(value / 24)} d`;
    case 'days':
      return `${oneDecimalBelowTen(value)} d`;
    case 'count':
      return Number.isInteger(value) ? groupThousands(value) : trimZero(value, 1);
    case 'currency': {
      const a = Math.abs(value);
      const amount =
        a >= 999_950 ? `${trimZero(value / 1_000_000, 1)}M` : a >= 1_000 ? `${trimZero(value / 1_000, 1)}k` : trimZero(value, 0);
      return currency ? `${currency} ${amount}` : amount;
    }
  }
}

/** Round axis ticks from 0 (or the lowest value) to at least the highest value. */
export function niceTicks(lo: number, hi: number, maxTicks: number, unit: ChartUnit): number[] {
  const low = Math.min(0, lo);
  let high = Math.max(hi, low);
  if (high === low) high = unit === 'percent' ? 1 : low + 1;
  const span = high - low;
  const raw = span / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const whole = unit === 'count' || unit === 'currency';
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  if (whole) step = Math.max(1, Math.ceil(step));
  const start = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < high + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
