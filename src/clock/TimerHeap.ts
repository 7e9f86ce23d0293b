/** A timer waiting in the heap. */
export interface Timer {
  due: number;
  id: number;
  fn: () => void;
}

/**
 * Binary min-heap of timers ordered by due time, then by creation order (id), so timers due at the
 * same instant fire in the order they were set. Cancellation is lazy.
 *
 * @example
 * ```ts
 * const heap = new TimerHeap();
 * heap.push({ due: 10, id: 1, fn: () => {} });
 * heap.pop()?.id; // 1
 * ```
 */
export class TimerHeap {
  readonly #items: Timer[] = [];
  readonly #live = new Set<number>();

  /** Live (not cancelled) timers. */
  get size(): number {
    return this.#live.size;
  }

  push(timer: Timer): void {
    this.#live.add(timer.id);
    const items = this.#items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Timer, items[parent] as Timer)) break;
      swap(items, i, parent);
      i = parent;
    }
  }

  cancel(id: number): void {
    this.#live.delete(id);
  }

  /** Earliest live timer without removing it. */
  peek(): Timer | undefined {
    this.#dropCancelled();
    return this.#items[0];
  }

  /** Remove and return the earliest live timer. */
  pop(): Timer | undefined {
    this.#dropCancelled();
    const top = this.#removeTop();
    if (top) this.#live.delete(top.id);
    return top;
  }

  #dropCancelled(): void {
    while (this.#items.length > 0 && !this.#live.has((this.#items[0] as Timer).id)) {
      this.#removeTop();
    }
  }

  #removeTop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l] as Timer, items[m] as Timer)) m = l;
        if (r < items.length && before(items[r] as Timer, items[m] as Timer)) m = r;
        if (m === i) break;
        swap(items, i, m);
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.id < b.id);
}

function swap(items: Timer[], i: number, j: number): void {
  const t = items[i] as Timer;
  items[i] = items[j] as Timer;
  items[j] = t;
}
