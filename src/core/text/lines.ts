/** Drops blank lines at the start and end, keeping every other line exactly as it is. */
export function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]!.trim()) start++;
  while (end > start && !lines[end - 1]!.trim()) end--;
  return lines.slice(start, end);
}

/** Offsets where each line of `text` starts (after every `\n`), in one pass. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last element of ascending `xs` that is ≤ x (0 when none is): a binary search. */
export function floorIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * 1-based line and column of `offset`, given the text's {@link lineStarts}: a binary search, so
 * locating every finding of a long file costs a log each rather than a rescan of the text.
 */
export function lineAndColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  const i = floorIndex(starts, offset);
  return { line: i + 1, column: offset - starts[i]! + 1 };
}
