import { describe, expect, it } from 'vitest';
import { formatValue, niceTicks } from './format';

// The examples of the core's `charts::Unit::format`, which the PDF uses.
describe('chart values', () => {
  it('read as the core writes them', () => {
    expect(formatValue('percent', 0.42)).toBe('42%');
    expect(formatValue('percent', 0.045)).toBe('4.5%');
    expect(formatValue('percent', 0)).toBe('0%');
    expect(formatValue('minutes', 12)).toBe('12 min');
    expect(formatValue('minutes', 4.5)).toBe('4.5 min');
    expect(formatValue('minutes', 192)).toBe('3.2 h');
    expect(formatValue('minutes', 3024)).toBe('2.1 d');
    expect(formatValue('hours', 3.2)).toBe('3.2 h');
    expect(formatValue('hours', 50.4)).toBe('2.1 d');
    expect(formatValue('days', 12)).toBe('12 d');
    expect(formatValue('days', 2.5)).toBe('2.5 d');
    expect(formatValue('count', 12345)).toBe('12,345');
    expect(formatValue('count', -1234567)).toBe('-1,234,567');
    expect(formatValue('currency', 950, 'USD')).toBe('USD 950');
    expect(formatValue('currency', 12_300, 'USD')).toBe('USD 12.3k');
    expect(formatValue('currency', 1_200_000, 'EUR')).toBe('EUR 1.2M');
    expect(formatValue('count', Number.NaN)).toBe('–');
  });
});

describe('axis ticks', () => {
  it('are round, start at 0 and cover the highest value', () => {
    expect(niceTicks(0, 0.37, 5, 'percent')).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0, 1234, 5, 'count')).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0, 0, 5, 'percent')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const t = niceTicks(0, 7, 5, 'count');
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBeGreaterThanOrEqual(7);
    expect(t.every((v) => Number.isInteger(v))).toBe(true);
  });
});
