import { describe, expect, it } from 'vitest';
import { BLUES, classify } from './classes.js';

const ranges = (values: (number | null)[]) =>
  classify(values).classes.map(({ min, max }) => [min, max]);

describe('classify', () => {
  it('cuts five classes at quantiles, each as full as the others', () => {
    expect(ranges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    const { classOf, classes } = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([1, 2, 3, 6, 10].map(classOf)).toEqual([0, 0, 1, 2, 4]);
    expect(classes.map((c) => c.colour)).toEqual(BLUES[5]);
  });

  it('makes fewer classes when there are fewer distinct values, never an empty one', () => {
    expect(ranges([5, 5, 5, 7])).toEqual([
      [5, 5],
      [7, 7],
    ]);
    expect(ranges([42])).toEqual([[42, 42]]);
    expect(classify([3, 3, 3]).classes.map((c) => c.colour)).toEqual(BLUES[1]);
    const skewed = classify([1, 1, 1, 1, 1, 1, 1, 1, 2, 100]);
    expect(skewed.classes.length).toBeGreaterThanOrEqual(2);
    expect(skewed.classes.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < skewed.classes.length; i += 1)
      expect(skewed.classes[i]!.min).toBeGreaterThan(skewed.classes[i - 1]!.max);
  });

  it('leaves out nulls (suppressed values) and gives no class when nothing is left', () => {
    expect(ranges([null, 4, null, 8])).toEqual([
      [4, 4],
      [8, 8],
    ]);
    const none = classify([null, null]);
    expect(none.classes).toEqual([]);
    expect(none.classOf(3)).toBe(-1);
  });

  it('puts every value in exactly the class whose range holds it', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.round((i * 7919) % 1000) / 3);
    const { classes, classOf } = classify(values);
    expect(classes).toHaveLength(5);
    for (const value of values) {
      const found = classes[classOf(value)]!;
      expect(value).toBeGreaterThanOrEqual(found.min);
      expect(value).toBeLessThanOrEqual(found.max);
    }
    // About as many values in each class.
    const counts = classes.map((_, index) => values.filter((v) => classOf(v) === index).length);
    for (const count of counts) expect(count).toBe(40);
  });

  it('colours light to dark for every number of classes', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const size of [2, 3, 4, 5]) {
      const colours = BLUES[size]!;
      expect(colours).toHaveLength(size);
      for (let i = 1; i < size; i += 1)
        expect(luminance(colours[i]!)).toBeLessThan(luminance(colours[i - 1]!));
    }
  });
});
