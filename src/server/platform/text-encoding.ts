/**
 * The character set of a text file people send: what Excel, LibreOffice and old national systems write for CSV.
 * Decided from the bytes, in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one (NULs on every
 * other byte), valid UTF-8, and otherwise one of the two Cyrillic single-byte sets, Windows-1251 (Excel on a
 * Russian Windows) or KOI8-R (older Unix systems), chosen by which one reads as Russian. Decoding is the runtime's
 * WHATWG TextDecoder, which knows all of these.
 */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251" | "koi8-r";

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/**
 * How often each Russian letter occurs in running text (per thousand letters, rounded). The two single-byte sets
 * put lower- and upper-case letters in opposite halves and in a different order, so text decoded with the wrong
 * one is a jumble of rare capitals.
 */
const RUSSIAN_FREQUENCY: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 16,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  ё: 2,
  ъ: 1,
};

/** How Russian a text looks: frequent letters score high, rare ones low, and lower case (most of any text) more. */
function russianScore(text: string): { score: number; letters: number } {
  let score = 0;
  let letters = 0;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const frequency = RUSSIAN_FREQUENCY[lower];
    if (frequency === undefined) continue;
    letters++;
    score += Math.log(frequency + 1) + (lower === ch ? 0.25 : 0);
  }
  return { score, letters };
}

/**
 * Below this mean score per letter, bytes above 127 are not Russian text in either set (Russian text scores about
 * 4, all capitals about 3.7, a single-byte text in another language far less): they are refused rather than
 * turned into nonsense.
 */
const RUSSIAN_MEAN_SCORE = 3;

function isUtf8(sample: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte. */
function utf16WithoutBom(sample: Buffer): TextEncoding | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros === 0) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros === 0) return "utf-16be";
  return null;
}

/** The encoding of a text from its first bytes; `complete` when the sample is the whole file. */
export function detectEncoding(sample: Buffer, complete = true): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: 0 };
  if (isUtf8(sample, complete)) return { encoding: "utf-8", bom: 0 };
  const cp1251 = russianScore(new TextDecoder("windows-1251").decode(sample)).score;
  const koi8 = russianScore(new TextDecoder("koi8-r").decode(sample)).score;
  return { encoding: koi8 > cp1251 ? "koi8-r" : "windows-1251", bom: 0 };
}

/**
 * Whether a single-byte text decodes to Russian: its letters score like Russian, its other high bytes are few, and
 * its Cyrillic letters make words of their own. Latin-1 accents read as Cyrillic land inside Latin words
 * ("café" in KOI8-R is "cafИ"), which no Russian text does.
 */
function readsAsRussian(sample: Buffer, encoding: TextEncoding): boolean {
  const text = new TextDecoder(encoding).decode(sample);
  const { score, letters } = russianScore(text);
  let high = 0;
  for (const byte of sample) if (byte >= 0x80) high++;
  let mixed = 0;
  for (const word of text.split(/[^\p{L}]+/u)) {
    if (/[a-z]/i.test(word)) mixed += word.replace(/[^\u0400-\u04ff]/g, "").length;
  }
  return letters > 0 && score / letters >= RUSSIAN_MEAN_SCORE && letters >= high * 0.8 && mixed <= letters * 0.2;
}

/** A whole text file as a string, in whichever of the supported encodings it was written, without its BOM. */
export function decodeText(data: Buffer): string {
  const { encoding, bom } = detectEncoding(data, true);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(data.subarray(bom));
}

/**
 * Whether the bytes can be a text file in one of the supported encodings: no NUL or other control character
 * a text never has (UTF-16 is judged on its decoded text), and single-byte text that reads as Russian. Binary
 * files fail this in their first bytes.
 */
export function looksLikeText(sample: Buffer, complete = true): boolean {
  const { encoding, bom } = detectEncoding(sample, complete);
  const text =
    encoding === "utf-16le" || encoding === "utf-16be"
      ? new TextDecoder(encoding, { ignoreBOM: true }).decode(
          sample.subarray(bom, bom + (sample.length - bom) - ((sample.length - bom) % 2)),
        )
      : null;
  if (text !== null) return !hasControl(text);
  for (const byte of sample)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  return encoding === "utf-8" ? isUtf8(sample, complete) : readsAsRussian(sample, encoding);
}

function hasControl(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for.
  return /[\u0000-\u0008\u000b\u000e-\u001f]/.test(text);
}
