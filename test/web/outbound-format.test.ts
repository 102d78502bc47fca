// The dial pad's as-typed formatting (S11): digits shown in the Korean national format while typed.
import { describe, expect, it } from 'vitest';
import { formatTyped } from '../../web/src/features/outbound/format';

describe('formatTyped', () => {
  it('groups mobiles, Seoul, area codes and representative numbers as they grow', () => {
    expect(['0', '010', '0101', '0101234', '01012345678'].map(formatTyped)).toEqual(['0', '010', '010-1', '010-123-4', '010-1234-5678']);
    expect(['02', '021', '0212345678', '021234567'].map(formatTyped)).toEqual(['02', '02-1', '02-1234-5678', '02-123-4567']);
    expect(formatTyped('0311234567')).toBe('031-123-4567');
    expect(formatTyped('15881234')).toBe('1588-1234');
    expect(formatTyped('010-12a34-5678')).toBe('010-1234-5678');
  });
});
