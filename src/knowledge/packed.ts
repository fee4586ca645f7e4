const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes the compact form of the character tables: signed integers (zigzag), five bits
 * per URL-safe base-64 digit, the sixth bit saying "more digits follow". The tables hold
 * code-point differences, which stay small where Chinese characters are sorted; as
 * plain ASCII they also survive bundlers that escape non-ASCII text.
 */
export function unpackDeltas(packed: string): number[] {
  return unpackInto(packed, []);
}

/** Appends the decoded integers to `out` (see {@link unpackDeltas}). */
export function unpackInto(packed: string, out: number[]): number[] {
  let n = 0;
  let scale = 1;
  for (let i = 0; i < packed.length; i++) {
    const d = DIGITS.indexOf(packed[i]!);
    if (d < 0) return [...out, NaN];
    n += (d & 31) * scale;
    if (d & 32) {
      scale *= 32;
    } else {
      out.push(n % 2 ? -(n + 1) / 2 : n / 2);
      n = 0;
      scale = 1;
    }
  }
  if (scale !== 1) out.push(NaN); // cut off inside a number
  return out;
}

/** Encodes integers in the form {@link unpackDeltas} reads. */
export function packDeltas(values: readonly number[]): string {
  let out = '';
  for (const v of values) {
    let n = v < 0 ? -v * 2 - 1 : v * 2;
    do {
      const d = n % 32;
      n = Math.floor(n / 32);
      out += DIGITS[n > 0 ? d | 32 : d];
    } while (n > 0);
  }
  return out;
}
