/**
 * Indices of the alternating extremes of a sequence, ignoring reversals smaller than `hysteresis`
 * (a zig-zag filter). Between two consecutive indices the sequence rises or falls by at least
 * `hysteresis`, with no reversal of `hysteresis` or more in between; each index is the extreme of its
 * stretch. A sequence that never moves by `hysteresis` gives no index.
 */
export function turningPoints(values: readonly number[], hysteresis: number): number[] {
  const at = (i: number): number => values[i] as number;
  let high = 0;
  let low = 0;
  let i = 1;
  for (; i < values.length; i++) {
    if (at(i) > at(high)) high = i;
    if (at(i) < at(low)) low = i;
    if (at(high) - at(low) >= hysteresis) break;
  }
  if (i >= values.length) return [];
  // The first significant move goes from the earlier of the two extremes to the later one.
  const turns = [Math.min(low, high)];
  let rising = low < high;
  let extreme = Math.max(low, high);
  for (i += 1; i < values.length; i++) {
    const beyond = rising ? at(i) > at(extreme) : at(i) < at(extreme);
    if (beyond) extreme = i;
    else if (Math.abs(at(extreme) - at(i)) >= hysteresis) {
      turns.push(extreme);
      rising = !rising;
      extreme = i;
    }
  }
  turns.push(extreme);
  return turns;
}
