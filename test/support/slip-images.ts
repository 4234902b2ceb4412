/**
 * Photographs of order slips made in the test (no fixture files): an order list is drawn as SVG
 * text and rasterised by sharp, then "photographed": uneven lighting, grain, specks, a small
 * rotation and JPEG compression, all from a seeded generator so every run draws the same image.
 * A handwritten-style slip jitters every letter's size, slant and baseline.
 */
import sharp from 'sharp';

export type NoiseLevel = 'light' | 'medium' | 'heavy';

export interface SlipOptions {
  /** The lines written on the slip, top to bottom. */
  lines: readonly string[];
  /** Degrees, clockwise. Default 0. */
  rotate?: number;
  noise?: NoiseLevel;
  /** Letters jittered like a hand wrote them. Default false. */
  handwritten?: boolean;
  /** Seeds the grain and the jitter. Default 1. */
  seed?: number;
}

const NOISE: Record<
  NoiseLevel,
  { grain: number; specks: number; shade: number; quality: number; blur: number }
> = {
  light: { grain: 20, specks: 40, shade: 20, quality: 85, blur: 0.3 },
  medium: { grain: 45, specks: 200, shade: 45, quality: 70, blur: 0.6 },
  heavy: { grain: 75, specks: 600, shade: 70, quality: 55, blur: 0.9 },
};

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function renderSlip(options: SlipOptions): Promise<Buffer> {
  const random = seeded(options.seed ?? 1);
  const noise = NOISE[options.noise ?? 'light'];
  const width = 1100;
  const lineHeight = 64;
  const height = 140 + options.lines.length * lineHeight;
  const text = options.lines
    .map((line, i) => {
      const y = 100 + i * lineHeight;
      if (!options.handwritten) {
        return `<text x="70" y="${y}" font-family="DejaVu Sans" font-size="34" fill="#1d1d2a">${escape(line)}</text>`;
      }
      let x = 70;
      return [...line]
        .map((ch) => {
          const size = 30 + random() * 10;
          const dy = (random() - 0.5) * 10;
          const slant = -14 + (random() - 0.5) * 18;
          const glyph = `<text x="${x.toFixed(1)}" y="${(y + dy).toFixed(1)}" font-family="DejaVu Serif" font-style="italic" font-size="${size.toFixed(1)}" fill="#223" transform="rotate(${slant.toFixed(1)} ${x.toFixed(1)} ${y})">${escape(ch)}</text>`;
          x += ch === ' ' ? 14 + random() * 8 : size * (0.5 + random() * 0.15);
          return glyph;
        })
        .join('');
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="light" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="rgb(${250},${247},${238})"/>
      <stop offset="1" stop-color="rgb(${250 - noise.shade},${246 - noise.shade},${236 - noise.shade})"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#light)"/>${text}</svg>`;
  const drawn = await sharp(Buffer.from(svg))
    .rotate(options.rotate ?? 0, { background: { r: 245, g: 242, b: 232 } })
    .blur(noise.blur)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data, info } = drawn;
  for (let i = 0; i < data.length; i += info.channels) {
    const grain = (random() + random() + random() - 1.5) * noise.grain;
    for (let c = 0; c < info.channels; c++)
      data[i + c] = Math.max(0, Math.min(255, data[i + c]! + grain));
  }
  for (let s = 0; s < noise.specks; s++) {
    const at = Math.floor(random() * info.width * info.height) * info.channels;
    for (let c = 0; c < info.channels; c++) data[at + c] = 40;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: noise.quality })
    .toBuffer();
}
