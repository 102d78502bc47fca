// Hold audio stored before the public-host rule (issue 19 §7): the Queue object never hands a
// private, loopback or credentialed address to the carrier; the queue falls back to the built-in tone.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { builtInHoldAudio } from '../../durable-objects/queue';
import { globalDb } from '../../worker/db/client';
import { queues } from '../../worker/db/schema';
import { contactCenter, queueStub } from '../fixtures/contact-center-live';

describe('hold audio already stored', () => {
  for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://[::1]/hold.mp3', 'https://user:pw@cdn.example.kr/hold.mp3']) {
    it(`${url} is not played; the built-in tone is`, async () => {
      const cc = await contactCenter({ agents: 1 });
      await globalDb(env).update(queues).set({ holdMusicUrl: url }).where(eq(queues.id, cc.queueId));
      const info = await queueStub(cc.queueId).info(cc.org.id, cc.queueId);
      expect(info?.holdAudioUrl).toBe(builtInHoldAudio(env));
    });
  }

  it('a public https address is played as set', async () => {
    const cc = await contactCenter({ agents: 1 });
    await globalDb(env).update(queues).set({ holdMusicUrl: 'https://cdn.example.kr/hold.mp3' }).where(eq(queues.id, cc.queueId));
    expect((await queueStub(cc.queueId).info(cc.org.id, cc.queueId))?.holdAudioUrl).toBe('https://cdn.example.kr/hold.mp3');
  });
});
