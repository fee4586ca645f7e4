import { unpackDeltas } from './packed.js';

/**
 * Traditional → Simplified folding for common characters, so 帳號/維修/發票 typed on a
 * Traditional keyboard find 账号/维修/发票.
 *
 * Source: OpenCC `TSCharacters.txt` (Apache-2.0), one-to-one mappings only (first
 * candidate), kept where the Traditional character is one of Big5's 5,401 frequently
 * used characters, the Simplified one is in GB2312 level 1 (3,755 common characters) and
 * is either among the 500 most frequent Chinese characters or used in after-sales help
 * text (the shared knowledge-base articles). 555 pairs, ~1.6 kB gzip as packed here: the
 * full table (3,222 pairs) would cost several times that in the customer bundle for
 * characters a help desk rarely sees. Variants not folded here (帳 → 帐, where help text writes 账) are still
 * caught by the pinyin signal, which treats same-sound bigrams as near matches.
 */

/**
 * (Traditional, Simplified) pairs sorted by the Traditional code point, as deltas (see
 * {@link unpackDeltas}): Traditional minus the previous Traditional (from U+4E00), then
 * Simplified minus Traditional.
 */
const PAIRS =
  '-BGOglIwFo_HIhBsM2rH6CiwHiB-9LiDyoGWyzWuErTEheMpSmG5MqC8mESoxFiBlZIlZO_HO_foDjgB-BqyFO_JWjhBQzI0BKMlBqB8BEp0BiCEmEjBwFMKT6B7CI_PgBhEwChHI_BU9EoE5CIvDK1CuBnEMKoDwxMiBLoBJuCNwEB8RxI8G-pgBgB_S-ExlBgCtbyEsgDkBjVMtLqE5LK0tEuB64C8B5pBM9oEwBmgW-DbExBMZGvBErD-NgnF0DonFGzPsBlPa2yK8Bm6BqB9NyEv0CW9YkEB8BJ0jBjB8GvEGvEEjlFC9CUxFiBBCp_GKnBCjB8ElBQjCQb0I1FqTlCWf6CjGQ5DcNK7pG6CvB-CjzFM71FElECnGiDzwFiCpBEGe1xGQ9BW8uGmD73FKZa_sIW3pD6JY2J1G0GzUsEn6HwDpzBuGvBElCICoKkCwJ1_HiBvRwBxJMsiX0DxHkD7K6Gje2C5bkC7dG9sJCzaS9gBM3WM3bgBxgBC_OG1oBMnLI7oBsB7iBQjOgB9S2C88TiCP-DTK7yL2E_rJ2D3EgGmqHSxC2B_zJsCzJYjpMWx-L2CCmEp1M4S3TuCh8EyKl1NQnfiDnzFqCtkBwEtJMjhBU3e4DpyBYhEyChjBcjea9rLY_NQtuBkCnHqCt8B6Gh_LCriGgCZkCznCExsJICmGdsDQiCtsNwBeInuN2C3wNwGpGmJl_N4CviOmD3kOiBhO0G_sOqBjIiB5DSwaOvSmChBenCC7B6C9RYvS4BllBgB7biHrVUhpB-BzR-HC6D_nRuGh0FwDzHyDq9I-BnMuBxVU1OO7OMskJa1iDiC3UGtYWxVkBn6RyB56M8C97H4ETyDXqFv_M0B3HUqkI4I7EkLhQkH1nT8E7mLMliL0Gw5N4J1qR8DRkCJKnqNGX0FtiU4X3EE1L8BnMoD7MwBtSwIjHuFSyChGGhE4B7F4BrDE40E2NjDiE51WyDksDI-zDyH9LuCrO4I7gToBkaC6ZM8aEsaG6aS-ZC6YsBsZkBsYEgYYmYKwYY2XKmXE0WS8WgBgVkB4Ta-VauUK-ZG3kPqBlKgBqOSqTK8SC0SkBy_BwCnmVW2PGoIYjgPuBmHUuHa_WiB2GgBiGGiJKtkO4NrByD_1YyCj3Y4I65KiB1BGj4TWhlW4K1zYEMcxH6CpFaxF6CzK6BtPYhJsB_MM7nXGn7ZkBzgXax_ZGliO4FrDyYhqYSxxJoDpiboGnnQ2Dp_GkQ_O0DvzBIjxB0Eh1WUvmZsPpN6JtYiGnyQQ_uaE1qb-HtHCvBI2uE4BtsbUz_XqGryS-BsDIqDOgDoBvvdmBWGEwDjBUgaMyZEqaa97TCwZkBqZGiZIuYGqZMgZCl1OCqYoBwXK-WagYI-WW4WCmXCmXyBprVCuRWyVM-UM2UM0UMiVeoUY4SWoOwBrkbgB4PmEzmbQwHe8GOpvaiB8DOltUmBj7bSsB2Lv3IqEv2Ma-HQ-HGoICuHQiIGtkfI8HCwHW6HYpxYaoHG54cO8DE0DgBiDYwFyNwhB8H0Z2G4JE4JCjzekBgJyB4HWgIMoHWiHCsGgBqGKoEKkGS2FiBmCsBiBuEvweYrhfkErxciChpYI_DUpEcx8dCtFwBjhRC1HGtIMrJCvHIYK3EEnIStGSlJM9GElCU3KMhN2GtEoBvqhBuMvjfa2qBSl4X-CypB2GsnBKulBmBqlB2B6lBIykBmDghBkBsaQ96Z8B-Ya0eO7sF-DybSiSI-boB2WwByZ0BsTqD2Q2BuI6B4I2DqDa8D0PQSwGGuGMoGE1obQiGKgGY35gBC2FYoFqBtkXI0EkBxmiBkItxhB-BzEa1GIvFarFaxBEhEOhCUhthB8B5whBGz5XMtyOCpCehmkBSr8Q6EltToBF0E19OgCloiByDjzhBEoHCoHGoHCoHEmHQoHG4GK8GqBxvfcsFWiFM4ECgFE6Eel-NiBhjZyDsCShsiBEpojBwCG-C94jBc97kBgB8FoIgMqBkLwF8HuBjrMOmGc4CkBqDQqEmHl8MEh4lB0B5xjBwBv4ZoB9pBW74a-c-Sgcj8bCl1DOnnoBkCpiXU74mBY1-DiCx2mBqDMyBx2mB0CY';

let table: Map<string, string> | undefined;
/** One bit per ideograph U+4E00–U+9FFF: whether it is in the table (most text never reaches the map). */
let bits: Uint32Array | undefined;

function load(): void {
  table = new Map();
  bits = new Uint32Array((0xa000 - 0x4e00) >> 5);
  const deltas = unpackDeltas(PAIRS);
  let t = 0x4e00;
  for (let i = 0; i + 1 < deltas.length; i += 2) {
    t += deltas[i]!;
    table.set(String.fromCharCode(t), String.fromCharCode(t + deltas[i + 1]!));
    const c = t - 0x4e00;
    if (c >= 0) bits[c >> 5]! |= 1 << (c & 31);
  }
}

/** The Simplified form of one Traditional character, or `undefined` when it has none here. */
export function simplifiedOf(char: string): string | undefined {
  if (!bits) load();
  const c = char.charCodeAt(0) - 0x4e00;
  if (char.length === 1 && c >= 0 && c < 0x5200 && !(bits![c >> 5]! & (1 << (c & 31)))) return undefined;
  return table!.get(char);
}
