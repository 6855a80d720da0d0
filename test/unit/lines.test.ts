import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorIndex, lineAndColumn, lineStarts } from '../../src/core/text/lines';

describe('line helpers', () => {
  it('locate offsets by line and column, 1-based, also past the last line break and on empty lines', () => {
    const text = 'ab\n\ncd\n';
    const starts = lineStarts(text);
    assert.deepEqual(starts, [0, 3, 4, 7]);
    assert.deepEqual(lineAndColumn(starts, 0), { line: 1, column: 1 });
    assert.deepEqual(lineAndColumn(starts, 2), { line: 1, column: 3 }, 'the line break belongs to its line');
    assert.deepEqual(lineAndColumn(starts, 3), { line: 2, column: 1 });
    assert.deepEqual(lineAndColumn(starts, 5), { line: 3, column: 2 });
    assert.deepEqual(lineAndColumn(starts, 7), { line: 4, column: 1 });
  });

  it('floorIndex finds the last element not above x', () => {
    assert.equal(floorIndex([0, 10, 20], 9), 0);
    assert.equal(floorIndex([0, 10, 20], 10), 1);
    assert.equal(floorIndex([0, 10, 20], 99), 2);
    assert.equal(floorIndex([5], 0), 0, 'none is ≤ x: the first');
  });
});
