import { describe, expect, it } from 'vitest';
import { canCopyImages, inlinedSvg, pngName, seriesColourVar, wrapLines } from './png';

describe('copy as PNG', () => {
  it('names the file after the chart', () => {
    expect(pngName({ id: 'speed_to_lead_buckets' })).toBe('speed_to_lead_buckets.png');
    expect(pngName({ id: 'a/b c' })).toBe('a-b-c.png');
    expect(pngName({ id: '' })).toBe('chart.png');
  });

  it('colours each series as the screen does', () => {
    expect(seriesColourVar(undefined, 0)).toBe('--chart-1');
    expect(seriesColourVar('primary', 5)).toBe('--chart-2');
    expect(seriesColourVar('comparison', 0)).toBe('--chart-comparison');
    expect(seriesColourVar('highlight', 1)).toBe('--highlight');
  });

  it('wraps a note to the picture’s width', () => {
    const ctx = { measureText: (t: string) => ({ width: t.length * 10 }) as TextMetrics };
    expect(wrapLines(ctx, 'one two three four', 100)).toEqual(['one two', 'three four']);
    expect(wrapLines(ctx, '', 90)).toEqual([]);
  });

  it('writes the computed styles inline on a copy of the SVG, leaving the screen’s alone', () => {
    document.body.innerHTML = '<svg viewBox="0 0 10 10"><rect class="bar" width="5" height="5" style="fill: rgb(29, 78, 216)"></rect></svg>';
    const svg = document.querySelector('svg')!;
    const copy = inlinedSvg(svg);
    expect(copy).not.toBe(svg);
    expect(copy.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(copy.querySelector('rect')!.getAttribute('style')).toContain('fill:rgb(29, 78, 216)');
    expect(svg.getAttribute('width')).toBeNull();
  });

  it('knows when the webview has no image clipboard', () => {
    // jsdom has no ClipboardItem: the fallback (a save dialog) is used.
    expect(canCopyImages()).toBe(false);
  });
});
