import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import ProgressStrip from './ProgressStrip.svelte';

afterEach(cleanup);

describe('the progress strip', () => {
  it('says how much is read in the shell’s words, computing none', () => {
    const progress = { path: '/x/a.csv', file: 'a.csv', bytes_read: 427, bytes_total: 1000, rows: 1234, read: '43%' };
    render(ProgressStrip, { progress, busy: true, files: 1 });
    expect(screen.getByTestId('progress').textContent).toContain('Reading a.csv: 43% · 1,234 rows so far');
  });
});
