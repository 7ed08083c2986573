const CHUNK = 16_384;

/**
 * The row hashes a run found in its base, as numbers (their first 52 bits)
 * in typed arrays: 8 bytes a row, so a large organisation's two million
 * rows take 16 MB rather than a Set of strings' hundreds. Sorting keeps a
 * single copy.
 */
export class SeenHashes {
  /** Filled arrays, each exactly as long as what it holds. */
  #full: Float64Array[] = [];
  #current = new Float64Array(CHUNK);
  #used = 0;
  #sorted: Float64Array | null = null;

  add(hash: string): void {
    if (this.#used === this.#current.length) {
      this.#full.push(this.#current);
      this.#current = new Float64Array(CHUNK);
      this.#used = 0;
    }
    this.#current[this.#used++] = toNumber(hash);
    this.#sorted = null;
  }

  /** Sorts what was added into one array (once; adding again unsorts). */
  seal(): void {
    if (this.#sorted) return;
    const parts = [...this.#full, this.#current.subarray(0, this.#used)];
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    this.#sorted = all.sort();
    this.#full = [this.#sorted];
    this.#current = new Float64Array(0);
    this.#used = 0;
  }

  has(hash: string): boolean {
    this.seal();
    const sorted = this.#sorted!;
    const target = toNumber(hash);
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid] === target) return true;
      if (sorted[mid] < target) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}

function toNumber(hash: string): number {
  return parseInt(hash.slice(0, 13), 16);
}
