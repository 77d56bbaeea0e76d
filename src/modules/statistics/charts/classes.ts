/**
 * Sequential classes for a choropleth: up to five, cut at quantiles of the values (so that each
 * class holds about as many regions), fewer when there are fewer distinct values. Each class is
 * described by the smallest and largest value it holds, so the legend never claims a range no
 * region has.
 */

/** ColorBrewer "Blues" (colour-blind safe, sequential), light to dark, for 1 to 5 classes. */
export const BLUES: Readonly<Record<number, readonly string[]>> = {
  1: ['#4292c6'],
  2: ['#9ecae1', '#2171b5'],
  3: ['#c6dbef', '#6baed6', '#08519c'],
  4: ['#c6dbef', '#6baed6', '#2171b5', '#08306b'],
  5: ['#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#08306b'],
};

export const MAX_CLASSES = 5;

export interface ValueClass {
  /** The smallest and largest value in the class. */
  min: number;
  max: number;
  colour: string;
}

export interface Classification {
  classes: ValueClass[];
  /** The class of a value (an index into `classes`), or -1 when there are no classes. */
  classOf: (value: number) => number;
}

/** Classes from the non-null values. */
export function classify(values: readonly (number | null)[], wanted = MAX_CLASSES): Classification {
  const sorted = values
    .filter((value): value is number => value !== null && Number.isFinite(value))
    .sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  const count = Math.min(wanted, distinct.length);
  // Lower bounds of classes 2…k: the value at each quantile, each above the previous one.
  const lowers: number[] = [];
  for (let i = 1; i < count; i += 1) {
    const atQuantile = sorted[Math.floor((i * sorted.length) / count)] as number;
    const previous: number = lowers[lowers.length - 1] ?? distinct[0] ?? 0;
    // A repeated value would make an empty class: take the next distinct value instead.
    const lower = atQuantile > previous ? atQuantile : distinct.find((value) => value > previous);
    if (lower === undefined) break;
    lowers.push(lower);
  }
  // The last cut must leave a value for the last class, which the `find` above guarantees.
  const classOf = (value: number): number => {
    if (distinct.length === 0) return -1;
    let index = 0;
    while (index < lowers.length && value >= (lowers[index] as number)) index += 1;
    return index;
  };
  const size = lowers.length + 1;
  const colours = BLUES[Math.min(size, MAX_CLASSES)] ?? [];
  const classes: ValueClass[] = [];
  if (distinct.length > 0)
    for (let index = 0; index < size; index += 1) {
      const members = sorted.filter((value) => classOf(value) === index);
      classes.push({
        min: members[0] as number,
        max: members[members.length - 1] as number,
        colour: colours[index] as string,
      });
    }
  return { classes, classOf };
}
