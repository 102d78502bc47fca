// The push services' host list (issue 19 §5) as a pure rule: the browsers' services only, and the
// simulator's test receivers only while the simulator is on.
import { describe, expect, it } from 'vitest';
import { pushEndpoint } from '../../worker/push-services';

describe('pushEndpoint', () => {
  it('knows the browsers’ push services, on https without a port or credentials', () => {
    for (const e of [
      'https://fcm.googleapis.com/fcm/send/abc',
      'https://updates.push.services.mozilla.com/wpush/v2/abc',
      'https://db5p.notify.windows.com/w/?token=abc',
      'https://web.push.apple.com/abc',
    ])
      expect(pushEndpoint(e, false)?.kind, e).toBe('service');
    for (const e of [
      'https://fcm.googleapis.com.evil.example/x',
      'https://notify.windows.com.evil.example/x',
      'https://xnotify.windows.com/x',
      'https://a:b@fcm.googleapis.com/x',
      'https://fcm.googleapis.com:444/x',
      'http://fcm.googleapis.com/x',
      'https://push.example.com/x',
      'not a url',
    ])
      expect(pushEndpoint(e, false), e).toBeNull();
  });

  it('lets the test receivers through only while the simulator is on', () => {
    expect(pushEndpoint('https://push.example.invalid/d/1', true)?.kind).toBe('simulator');
    expect(pushEndpoint('http://127.0.0.1:9000/d/1', true)?.kind).toBe('local');
    expect(pushEndpoint('https://push.example.invalid/d/1', false)).toBeNull();
    expect(pushEndpoint('http://127.0.0.1:9000/d/1', false)).toBeNull();
    expect(pushEndpoint('http://10.0.0.1/d/1', true)).toBeNull();
  });
});
