// English texts of the messaging screens: the same keys as messaging.ko.ts (a type error when one
// is missing), the same {placeholders}.
import type { messagingKo } from './messaging.ko';

export const messagingEn: Record<keyof typeof messagingKo, string> = {
  'messaging.field.tooManyBytes': 'At most {max} bytes can be sent.',
  'messaging.field.chars': 'Some characters (emoji and the like) cannot be sent by text message.',
  'messaging.field.noSender': 'The chosen sender is not set up. Add a department number in your profile.',
  'messaging.field.noRecipients': 'There is nobody to send to.',
  'messaging.field.inPast': 'That time has passed.',
  'messaging.field.imageType': 'Only JPG, PNG and GIF images can be sent.',
};
