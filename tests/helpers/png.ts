/**
 * A minimal PNG reader for tests: enough to check that rendered images are
 * valid PNGs and to sample their pixels. Handles 8-bit RGB/RGBA,
 * non-interlaced, filters 0–4 — what resvg writes — and refuses the rest.
 */
import { crc32, inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  pixels: Buffer;
  /** The pixel at (x, y) as `[r, g, b, a]`. */
  at(x: number, y: number): [number, number, number, number];
}

/** Width and height from the IHDR chunk, checking the signature and that IHDR comes first. */
export function readPngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  if (png.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('not a PNG: IHDR is not the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a PNG, verifying every chunk's CRC. */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height } = readPngSize(png);
  const idat: Buffer[] = [];
  let colorType = -1;
  let offset = 8;
  let ended = false;
  while (offset < png.length && !ended) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc)
      throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      const [bitDepth, ct, compression, filter, interlace] = data.subarray(8, 13);
      if (
        bitDepth !== 8 ||
        (ct !== 2 && ct !== 6) ||
        compression !== 0 ||
        filter !== 0 ||
        interlace !== 0
      ) {
        throw new Error(
          `unsupported PNG: depth ${bitDepth}, color type ${ct}, interlace ${interlace}`,
        );
      }
      colorType = ct;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!ended) throw new Error('truncated PNG: no IEND');

  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (stride + 1))
    throw new Error(`IDAT holds ${raw.length} bytes, expected ${height * (stride + 1)}`);

  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] ?? 0;
      const a = i >= channels ? (out[row + i - channels] ?? 0) : 0;
      const b = y > 0 ? (out[row - stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (out[row - stride + i - channels] ?? 0) : 0;
      let value: number;
      switch (filter) {
        case 0:
          value = x;
          break;
        case 1:
          value = x + a;
          break;
        case 2:
          value = x + b;
          break;
        case 3:
          value = x + ((a + b) >> 1);
          break;
        case 4:
          value = x + paeth(a, b, c);
          break;
        default:
          throw new Error(`bad filter type ${filter} on row ${y}`);
      }
      out[row + i] = value & 0xff;
    }
  }

  const pixels = channels === 4 ? out : Buffer.alloc(width * height * 4);
  if (channels === 3) {
    for (let p = 0; p < width * height; p++) {
      out.copy(pixels, p * 4, p * 3, p * 3 + 3);
      pixels[p * 4 + 3] = 255;
    }
  }
  return {
    width,
    height,
    pixels,
    at(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height)
        throw new RangeError(`(${x}, ${y}) is outside ${width}×${height}`);
      const i = (y * width + x) * 4;
      return [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0];
    },
  };
}

/** `#rrggbb` as `[r, g, b]`. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace(/^#/, ''), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
