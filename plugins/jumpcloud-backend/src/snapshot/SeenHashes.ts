const CHUNK = 16_384;

/**
 * The row hashes a run found in its base, as numbers (their first 52 bits)
 * in typed arrays: 8 bytes a row, so a large organisation's two million
 * rows take 16 MB rather than a Set of strings' hundreds.
 */
export class SeenHashes {
  #chunks: Float64Array[] = [];
  #used = CHUNK;
  #sorted: Float64Array | null = null;

  add(hash: string): void {
    if (this.#used === CHUNK) {
      this.#chunks.push(new Float64Array(CHUNK));
      this.#used = 0;
    }
    this.#chunks[this.#chunks.length - 1][this.#used++] = toNumber(hash);
    this.#sorted = null;
  }

  /** Sorts what was added (once; adding again unsorts). */
  seal(): void {
    if (this.#sorted) return;
    const total = (this.#chunks.length - 1) * CHUNK + this.#used;
    const all = new Float64Array(Math.max(0, total));
    this.#chunks.forEach((chunk, i) =>
      all.set(
        i === this.#chunks.length - 1 ? chunk.subarray(0, this.#used) : chunk,
        i * CHUNK,
      ),
    );
    this.#sorted = all.sort();
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
