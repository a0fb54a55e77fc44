import { describe, expect, it } from 'vitest';
import type { RecentWorkspace } from '../../lib/api';
import { matchesRecent } from './format';

const acme: RecentWorkspace = {
  name: 'Acmé Industries',
  path: '/home/c/clients/acme.leadaudit',
  opened_at: 1,
  sample: false,
  exists: true,
  pinned: true,
  last_audit: { name: '2026 Q3', verdict: 'Pilot on one clean segment', date: '2026-10-02', audits: 2 },
};

describe('the recent list search', () => {
  it('matches every word in the name, path, last audit, verdict or date, ignoring case and accents', () => {
    expect(matchesRecent(acme, '')).toBe(true);
    expect(matchesRecent(acme, '  ')).toBe(true);
    expect(matchesRecent(acme, 'acme')).toBe(true);
    expect(matchesRecent(acme, 'INDUSTRIES q3')).toBe(true);
    expect(matchesRecent(acme, 'pilot')).toBe(true);
    expect(matchesRecent(acme, '2026-10')).toBe(true);
    expect(matchesRecent(acme, 'clients')).toBe(true);
    expect(matchesRecent(acme, 'acme globex')).toBe(false);
  });

  it('works for a workspace with no audit yet', () => {
    const bare: RecentWorkspace = { name: 'Globex', path: '/g.leadaudit', opened_at: 1, sample: false, exists: true };
    expect(matchesRecent(bare, 'glob')).toBe(true);
    expect(matchesRecent(bare, 'pilot')).toBe(false);
  });
});
