import { Clock, SessionClock } from '../../src/platform/clock.adapter';

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

/** Wall-clock time for sessions and lockouts that a test can move forward. */
export class MutableSessionClock extends SessionClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
