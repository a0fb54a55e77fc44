import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import SvgSpikeChart from './SvgSpikeChart.svelte';

// The sample workspace's owner-load chart (2026 Q3, redacted) as the core's spike draws
// it: the `svg_spike` example of crates/synth.
// Vitest runs in ui/.
const ownerLoad = readFileSync(resolve('src/lib/charts/spike/leads_per_owner.svg'), 'utf8');

afterEach(cleanup);

describe('a chart the core drew as SVG (spike)', () => {
  it('is one image named by its own <title>, with a tooltip per bar', () => {
    render(SvgSpikeChart, { svg: ownerLoad, title: 'Leads per owner against an equal share' });
    const img = screen.getByRole('img', { name: 'Leads per owner against an equal share' });
    expect(img.tagName.toLowerCase()).toBe('svg');
    // 12 owners: 11 with an "active" part, Hannah Kowalski's stack also has an
    // "inactive" part and Tom Becker's is only that (a zero-width part is not drawn).
    const tips = [...img.querySelectorAll('rect.bar > title')].map((t) => t.textContent);
    expect(tips).toHaveLength(13);
    expect(tips).toContain('Dave Ruiz, Assigned while the owner was active: 1,014');
    expect(tips).toContain('Tom Becker, Assigned while the owner was inactive: 12');
    // The labels are text, not outlines: a screen reader and find-in-page reach them.
    expect(img.textContent).toContain('Equal share 415.9');
  });

  it('holds nothing to focus or operate: the SVG string brings no keyboard access', () => {
    render(SvgSpikeChart, { svg: ownerLoad, title: 'Leads per owner' });
    const figure = screen.getByTestId('svg-spike-chart');
    expect(figure.querySelectorAll('[tabindex], a, button')).toHaveLength(0);
  });

  it('shows a label with markup in it as text, never as markup', () => {
    const svg = ownerLoad.replace('Dave Ruiz', '&lt;img src=x onerror=alert(1)&gt;');
    render(SvgSpikeChart, { svg, title: 'Leads per owner' });
    const figure = screen.getByTestId('svg-spike-chart');
    expect(figure.querySelector('img')).toBeNull();
    expect(figure.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
