/**
 * The CJK font the stats picture is drawn with: Noto Sans SC from the
 * `@embedpdf/fonts-sc` package (OFL-1.1, OpenType/CFF, which resvg reads;
 * it cannot read WOFF2), so the picture looks the same on every host.
 *
 * resvg re-reads the whole font file for every glyph it lays out, and these
 * files are 8 MB each: drawn directly, one picture takes seconds. The picture
 * only ever draws a fixed set of characters, so the fonts are cut down to
 * those with HarfBuzz's subsetter (the `harfbuzzjs` WebAssembly build) once,
 * kept in the system's temporary folder under a name derived from what went
 * into them, and reused by every later picture and process.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** The family name inside the package's font files (their `name` table). */
export const STATS_FONT_FAMILY = 'Noto Sans S Chinese';

const require = createRequire(import.meta.url);
/** Regular and bold: the picture uses no other weight. */
const FONT_FILES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'] as const;
/** Bump when the subsetting changes in a way the cache key does not capture. */
const SUBSET_VERSION = 2;

/** Where the package keeps its fonts: `fonts/` beside its `dist/` entry point. */
export function packagedFontFiles(): string[] {
  const fontsDir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return FONT_FILES.map((name) => join(fontsDir, name));
}

/** The exports of harfbuzz-subset.wasm this module calls (HarfBuzz's C API). */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, lengthOut: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
/** `hb_subset_sets_t`: the set of `name` table ids to keep. */
const HB_SUBSET_SETS_NAME_ID = 4;
/**
 * The subsetter keeps name ids 0–6 by default. These fonts name their family
 * (one for every weight) only in the typographic family name, id 16, with
 * weight-specific names in id 1; without 16 and 17 resvg would see
 * "Noto Sans S Chinese Bold" as a family of its own and never pick it for bold.
 */
const KEPT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 16, 17];

/** Node has WebAssembly; this project's `lib` (ES2023, no DOM) does not declare it. */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: unknown };
  };
};

let harfbuzz: HbSubset | null = null;

function loadHarfbuzz(): HbSubset {
  if (harfbuzz) return harfbuzz;
  const bytes = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  // The module imports nothing: it is a standalone reactor, initialised once.
  const instance = new wasm.Instance(new wasm.Module(bytes), {});
  const hb = instance.exports as HbSubset;
  hb._initialize();
  harfbuzz = hb;
  return hb;
}

/** A font reduced to the glyphs of `characters` (plus what HarfBuzz keeps to render them). */
export function subsetFont(font: Uint8Array, characters: string): Buffer {
  const hb = loadHarfbuzz();
  const ptr = hb.malloc(font.length);
  // Views are taken afresh after each call: a malloc may grow (and so replace) the memory buffer.
  new Uint8Array(hb.memory.buffer, ptr, font.length).set(font);
  const blob = hb.hb_blob_create(ptr, font.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error('HarfBuzz could not create a subset input');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of new Set(characters)) hb.hb_set_add(unicodes, ch.codePointAt(0) ?? 0);
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of KEPT_NAME_IDS) hb.hb_set_add(names, id);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('HarfBuzz could not subset the font');
    const result = hb.hb_face_reference_blob(subset);
    const length = hb.hb_blob_get_length(result);
    const data = hb.hb_blob_get_data(result, 0);
    const out = Buffer.from(new Uint8Array(hb.memory.buffer, data, length));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    return out;
  } finally {
    if (input !== 0) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(ptr);
  }
}

/** The cached subset of `fontPath` for `characters`, made on first use. */
function cachedSubset(fontPath: string, characters: string, cacheDir: string): string {
  const key = createHash('sha256')
    .update(
      [
        SUBSET_VERSION,
        KEPT_NAME_IDS.join(','),
        basename(fontPath),
        statSync(fontPath).size,
        characters,
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  const target = join(cacheDir, `${basename(fontPath, '.otf')}-${key}.otf`);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so a process drawing at the same moment never reads half a font.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, subsetFont(readFileSync(fontPath), characters));
  renameSync(partial, target);
  return target;
}

const resolved = new Map<string, string[]>();

/**
 * Font files for resvg's `fontFiles` that cover `characters`: small subsets
 * when they can be made and kept, else the packaged fonts themselves (slow,
 * but the picture is still right). Worked out once per process.
 */
export function statsFontFiles(
  characters: string,
  cacheDir = join(tmpdir(), 'journal-bot-fonts'),
): string[] {
  const memo = resolved.get(`${cacheDir}\n${characters}`);
  if (memo) return memo;
  const packaged = packagedFontFiles();
  let files: string[];
  try {
    files = packaged.map((font) => cachedSubset(font, characters, cacheDir));
  } catch {
    // A read-only or full temporary folder must not cost the picture.
    files = packaged;
  }
  resolved.set(`${cacheDir}\n${characters}`, files);
  return files;
}
