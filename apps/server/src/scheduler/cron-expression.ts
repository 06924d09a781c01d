import { validateCronExpression } from 'cron';

/**
 * Five fields (minute hour day month weekday), as the API, console and docs say. The cron
 * package also takes a leading seconds field, which would let "* * * * * *" run every second.
 */
export function isFiveFieldCron(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 5 && validateCronExpression(expression).valid;
}
