import { Clock } from '../../src/platform/clock.adapter';

/** A clock tests can move, to see evidence age and statuses change without waiting. */
export class MutableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
