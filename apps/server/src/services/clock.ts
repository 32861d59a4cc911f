// What time it is, as the services ask it: injected so that "today" can be fixed in tests.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The calendar date (UTC, YYYY-MM-DD) the clock reads now: the date requests and dates in the API use. */
export const todayOf = (clock: Clock): string => clock().toISOString().slice(0, 10);
