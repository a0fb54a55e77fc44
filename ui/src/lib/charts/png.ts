// "Copy chart as PNG": a chart drawn on a canvas from its SVG (every style the screen
// gives it written inline, so the picture looks as on screen), with its title, legend,
// axis names and note from the spec, then put on the clipboard. Where the webview has no
// image clipboard (older WebKitGTK), the caller saves the PNG through a save dialog
// instead. The spec drawn is always the redacted one (the caller passes it).
import type { ChartSpec } from '../api';

/** The presentation properties copied inline onto the SVG's clone. */
export const INLINE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'stroke-opacity',
  'opacity',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** A copy of `svg` with every element's computed presentation written inline, sized as drawn. */
export function inlinedSvg(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const to = [clone, ...Array.from(clone.querySelectorAll('*'))];
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const style = getComputedStyle(el);
    const inline = INLINE_PROPS.map((p) => {
      const v = style.getPropertyValue(p);
      return v ? `${p}:${v}` : '';
    })
      .filter(Boolean)
      .join(';');
    if (inline) target.setAttribute('style', inline);
  });
  const box = svg.getBoundingClientRect();
  clone.setAttribute('width', String(Math.max(1, Math.round(box.width))));
  clone.setAttribute('height', String(Math.max(1, Math.round(box.height))));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return clone;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = url;
  });
}

/** Splits `text` into lines no wider than `width` on `ctx`. */
export function wrapLines(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The colours the picture uses, read from the chart's card on screen. */
export interface PngColours {
  background: string;
  text: string;
  muted: string;
  /** One per series, as the legend shows them. */
  series: string[];
}

/**
 * Draws the chart as a PNG: the spec's title, the legend (series names and colours),
 * the plot (`svg`, inlined), the category axis's name and the note. `scale` is the
 * pixel density (2: sharp on slides).
 */
export async function chartPng(spec: ChartSpec, svg: SVGSVGElement, colours: PngColours, scale = 2): Promise<Blob> {
  const plot = inlinedSvg(svg);
  const w = Number(plot.getAttribute('width'));
  const h = Number(plot.getAttribute('height'));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(plot))}`;
  const image = await loadImage(url);

  const pad = 24;
  const width = w + pad * 2;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('this webview cannot draw on a canvas');
  const font = (size: number, weight = 400) => `${weight} ${size}px 'DejaVu Sans', system-ui, sans-serif`;
  measure.font = font(20, 700);
  const title = wrapLines(measure, spec.title, width - pad * 2);
  measure.font = font(14);
  const note = spec.note ? wrapLines(measure, spec.note, width - pad * 2) : [];
  const legend = spec.kind !== 'heatmap' && (spec.series.length > 1 || spec.kind === 'line') ? spec.series.map((s) => s.name) : [];
  const height = pad + title.length * 26 + (legend.length ? 28 : 0) + 8 + h + (spec.x_label ? 24 : 0) + note.length * 19 + pad;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this webview cannot draw on a canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';
  let y = pad;
  ctx.fillStyle = colours.text;
  ctx.font = font(20, 700);
  for (const line of title) {
    ctx.fillText(line, pad, y);
    y += 26;
  }
  if (legend.length) {
    ctx.font = font(14);
    let x = pad;
    legend.forEach((name, i) => {
      ctx.fillStyle = colours.series[i] ?? colours.text;
      ctx.fillRect(x, y + 3, 14, 14);
      ctx.fillStyle = colours.text;
      ctx.fillText(name, x + 20, y + 2);
      x += 20 + ctx.measureText(name).width + 24;
    });
    y += 28;
  }
  y += 8;
  ctx.drawImage(image, pad, y, w, h);
  y += h;
  ctx.fillStyle = colours.muted;
  ctx.font = font(14);
  if (spec.x_label) {
    ctx.textAlign = 'center';
    ctx.fillText(spec.x_label, width / 2, y + 4);
    ctx.textAlign = 'left';
    y += 24;
  }
  for (const line of note) {
    ctx.fillText(line, pad, y);
    y += 19;
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be written as a PNG'))), 'image/png');
  });
}

/** Whether this webview can put an image on the clipboard. */
export function canCopyImages(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.clipboard?.write === 'function' &&
    typeof (globalThis as { ClipboardItem?: unknown }).ClipboardItem === 'function'
  );
}

/** A file name for the chart's PNG: its id, e.g. "speed_to_lead_buckets.png". */
export function pngName(spec: Pick<ChartSpec, 'id'>): string {
  return `${spec.id.replace(/[^A-Za-z0-9_-]+/g, '-') || 'chart'}.png`;
}

/** The CSS variable that colours series `index` (as `seriesClass` and app.css do). */
export function seriesColourVar(role: string | undefined, index: number): string {
  switch (role ?? 'primary') {
    case 'secondary':
      return '--chart-2';
    case 'comparison':
      return '--chart-comparison';
    case 'highlight':
      return '--highlight';
    default:
      return `--chart-${(index % 4) + 1}`;
  }
}

/** The bytes of a PNG blob (through a FileReader where `Blob.arrayBuffer` is missing). */
export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the PNG could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}
