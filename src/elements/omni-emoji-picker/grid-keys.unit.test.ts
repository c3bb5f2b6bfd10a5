/// <reference types="mocha" />
// Arrow, Home/End and Page keys in the emoji grid: 8 a row, a shorter last row, right to left.
import { expect } from '@open-wc/testing';
import { gridKeyTarget } from './grid-keys.js';

const move = (key: string, index: number, count = 20, rtl = false, ctrlKey = false) => gridKeyTarget({ key, ctrlKey }, index, count, 8, rtl);

describe('emoji grid keys (unit)', () => {
  it('moves by one cell sideways, by a row up and down, and stays inside', () => {
    expect(move('ArrowRight', 0)).to.equal(1);
    expect(move('ArrowRight', 7)).to.equal(8, 'wraps to the next row');
    expect(move('ArrowRight', 19)).to.equal(19);
    expect(move('ArrowLeft', 0)).to.equal(0);
    expect(move('ArrowDown', 3)).to.equal(11);
    expect(move('ArrowDown', 12)).to.equal(19, 'into a shorter last row: its last cell');
    expect(move('ArrowDown', 17)).to.equal(17, 'already in the last row');
    expect(move('ArrowUp', 11)).to.equal(3);
    expect(move('ArrowUp', 3)).to.equal(-5, 'above the first row (back to the search box)');
  });

  it('reads right to left when the page does', () => {
    expect(move('ArrowLeft', 0, 20, true)).to.equal(1);
    expect(move('ArrowRight', 1, 20, true)).to.equal(0);
  });

  it('goes to the row ends, the grid ends and a page of rows', () => {
    expect(move('Home', 11)).to.equal(8);
    expect(move('End', 11)).to.equal(15);
    expect(move('End', 17)).to.equal(19);
    expect(move('Home', 11, 20, false, true)).to.equal(0);
    expect(move('End', 3, 20, false, true)).to.equal(19);
    expect(move('PageDown', 0, 100)).to.equal(32);
    expect(move('PageUp', 40, 100)).to.equal(8);
    expect(move('a', 3)).to.equal(undefined);
  });
});
