import { describe, expect, it } from 'vitest';
import { suggestName } from './run.svelte';

describe('the suggested audit name', () => {
  it('is the quarter the files are named after', () => {
    expect(suggestName(['/s/hubspot-2026Q2/contacts.csv'])).toBe('2026 Q2');
    expect(suggestName(['/x/exports/deals 2025-q4.csv'])).toBe('2025 Q4');
    expect(suggestName(['/x/Q3_2026/leads.csv'])).toBe('2026 Q3');
  });

  it('is otherwise the quarter before today', () => {
    expect(suggestName(['/x/contacts.csv'], new Date(2026, 9, 2))).toBe('2026 Q3');
    expect(suggestName(['/x/contacts.csv'], new Date(2026, 1, 10))).toBe('2025 Q4');
    // A number that only looks like a quarter is not one.
    expect(suggestName(['/x/2026Q55.csv'], new Date(2026, 6, 1))).toBe('2026 Q2');
  });
});
