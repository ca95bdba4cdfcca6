import { describe, expect, it } from 'vitest';
import { fitted } from './shrinkPhoto.js';

describe('shrinkPhoto', () => {
  it('fits the longer side into 512 px, keeping the shape and never enlarging', () => {
    expect(fitted(4000, 3000)).toEqual({ width: 512, height: 384 });
    expect(fitted(1000, 2000)).toEqual({ width: 256, height: 512 });
    expect(fitted(300, 200)).toEqual({ width: 300, height: 200 });
  });
});
