/**
 * A list of SKU indexes in a typed buffer that is reused from one mention to the next: a big
 * catalog gives a mention hundreds of candidates, and fresh arrays for each filtering step were
 * most of what the matcher allocated.
 */
export class SkuList {
  length = 0;
  readonly items: Int32Array;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
  }

  at(i: number): number {
    return this.items[i]!;
  }

  push(sku: number): void {
    this.items[this.length++] = sku;
  }

  /** Keeps the SKUs that pass, in their order. */
  retain(keep: (sku: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const sku = this.items[i]!;
      if (keep(sku)) this.items[kept++] = sku;
    }
    this.length = kept;
  }

  count(test: (sku: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (test(this.items[i]!)) n++;
    return n;
  }

  some(test: (sku: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (test(this.items[i]!)) return true;
    return false;
  }

  every(test: (sku: number) => boolean): boolean {
    return !this.some((sku) => !test(sku));
  }
}
