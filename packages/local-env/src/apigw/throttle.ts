/** A token bucket: `burst` tokens, refilled at `rate` per second (API Gateway's throttling model). */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(readonly rate: number, readonly burst: number) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Usage-plan quota: `limit` requests per DAY/WEEK/MONTH window. */
export class Quota {
  private used = 0;
  private windowStart = Date.now();

  constructor(readonly limit: number, readonly period: string) {}

  take(): boolean {
    const length = { DAY: 86400e3, WEEK: 7 * 86400e3, MONTH: 30 * 86400e3 }[this.period] ?? 86400e3;
    if (Date.now() - this.windowStart >= length) {
      this.windowStart = Date.now();
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}

/** Keyed buckets created on first use. */
export class Buckets {
  private readonly buckets = new Map<string, TokenBucket>();

  take(key: string, rate: number, burst: number): boolean {
    // -1 is API Gateway's "not throttled".
    if (rate < 0 || burst < 0) return true;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(rate, burst)));
    return b.take();
  }
}
