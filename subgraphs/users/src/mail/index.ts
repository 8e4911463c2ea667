import { join } from 'node:path';
import { LocalMailbox } from './local-mailbox';
import { type Mailer } from './mailer';
import { SesMailer } from './ses-mailer';

export * from './mailer';
export { LocalMailbox } from './local-mailbox';
export { SesMailer } from './ses-mailer';

export type MailSettings =
  { provider: 'local' } | { provider: 'ses'; region: string; from: string };

/** SES when configured; otherwise the local mailbox under `<dataDir>/mailbox/`. */
export function createMailer(settings: MailSettings | undefined, dataDir: string): Mailer {
  if (settings?.provider === 'ses') {
    return new SesMailer({ region: settings.region, from: settings.from });
  }
  return new LocalMailbox(join(dataDir, 'mailbox'));
}
