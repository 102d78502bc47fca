// A staff member's voicemail switches (S20): after hours, and when nobody answers. They live on the
// personal_settings row; every number the user owns compiles them into its routing snapshot.
import { eq } from 'drizzle-orm';
import { personalSettings } from './schema';
import type { OrgDb } from './scope';

export type VoicemailSettings = { afterHours: boolean; noAnswer: boolean };

export async function getVoicemailSettings(scope: OrgDb, userId: string): Promise<VoicemailSettings> {
  const row = await scope.db
    .select({ afterHours: personalSettings.voicemailAfterHours, noAnswer: personalSettings.voicemailNoAnswer })
    .from(personalSettings)
    .where(scope.where(personalSettings, eq(personalSettings.userId, userId)))
    .get();
  return row ?? { afterHours: false, noAnswer: false };
}

export async function saveVoicemailSettings(scope: OrgDb, userId: string, s: VoicemailSettings): Promise<void> {
  const now = Date.now();
  const set = { voicemailAfterHours: s.afterHours, voicemailNoAnswer: s.noAnswer, updatedAt: now };
  await scope.db
    .insert(personalSettings)
    .values({ userId, orgId: scope.orgId, ...set })
    // Never touch a row of another org (the key is the user id alone).
    .onConflictDoUpdate({ target: personalSettings.userId, set, setWhere: eq(personalSettings.orgId, scope.orgId) });
}
