import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Mailer, type MailMessage } from './mailer';

export interface StoredMail extends MailMessage {
  id: string;
  sentAt: string;
}

/**
 * The embedded default: every message becomes a JSON file in one folder (so a developer can open
 * the links) and stays readable in this process (so tests can).
 */
export class LocalMailbox implements Mailer {
  private readonly sent: StoredMail[] = [];
  private sequence = 0;

  constructor(readonly folder: string) {}

  async send(message: MailMessage): Promise<void> {
    const mail: StoredMail = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
    await mkdir(this.folder, { recursive: true });
    // Time, then a counter, so a directory listing is in sending order even within one millisecond.
    this.sequence += 1;
    const file = `${mail.sentAt.replace(/[:.]/g, '-')}-${String(this.sequence).padStart(6, '0')}-${mail.id}.json`;
    await writeFile(join(this.folder, file), JSON.stringify(mail, null, 2), { mode: 0o600 });
    this.sent.push(mail);
  }

  /** Messages sent by this process, oldest first, optionally only those to one address. */
  messages(to?: string): StoredMail[] {
    return to ? this.sent.filter(mail => mail.to === to) : [...this.sent];
  }

  latest(to: string): StoredMail | undefined {
    return this.messages(to).at(-1);
  }
}
