/** The one source of "now" for services, so tests and replays can pin time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Wall-clock time for sign-in security (session timeouts, lockouts): kept apart from Clock so a
 * test or replay that moves the program's "now" by days does not also end every session.
 */
export abstract class SessionClock extends Clock {}

export class SystemSessionClock extends SessionClock {
  now(): Date {
    return new Date();
  }
}
