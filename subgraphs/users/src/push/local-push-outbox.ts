import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEVICE_NOT_REGISTERED,
  type PushMessage,
  type PushOutcome,
  type PushReceipt,
  type PushSender,
} from './push-sender';

export interface StoredPush extends PushMessage {
  id: string;
  sentAt: string;
}

/**
 * The embedded default: every push becomes a JSON file in one folder (so a developer sees what a
 * phone would have shown) and stays readable in this process (so tests can). Like Expo, it
 * reports a token as unregistered once `forget` was called for it (the app was uninstalled): in
 * the tickets of later sends, and in the receipts of pushes it had accepted before.
 */
export class LocalPushOutbox implements PushSender {
  private readonly sent: StoredPush[] = [];
  private readonly forgotten = new Set<string>();
  private sequence = 0;

  constructor(readonly folder: string) {}

  async send(messages: PushMessage[]): Promise<PushOutcome> {
    const outcome: PushOutcome = { tickets: [], unregistered: [], refused: [] };
    await mkdir(this.folder, { recursive: true });
    for (const message of messages) {
      if (this.forgotten.has(message.to)) {
        outcome.unregistered.push(message.to);
        continue;
      }
      const push: StoredPush = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
      // Time, then a counter, so a directory listing is in sending order even within one millisecond.
      this.sequence += 1;
      const file = `${push.sentAt.replace(/[:.]/g, '-')}-${String(this.sequence).padStart(6, '0')}-${push.id}.json`;
      await writeFile(join(this.folder, file), JSON.stringify(push, null, 2), { mode: 0o600 });
      this.sent.push(push);
      outcome.tickets.push({ id: push.id, to: push.to });
    }
    return outcome;
  }

  async receipts(ticketIds: string[]): Promise<Record<string, PushReceipt>> {
    const wanted = new Set(ticketIds);
    const receipts: Record<string, PushReceipt> = {};
    for (const push of this.sent) {
      if (wanted.has(push.id)) {
        receipts[push.id] = this.forgotten.has(push.to)
          ? { ok: false, error: DEVICE_NOT_REGISTERED }
          : { ok: true };
      }
    }
    return receipts;
  }

  /** From now on, sending to `token` reports it unregistered, as Expo does for an uninstalled app. */
  forget(token: string) {
    this.forgotten.add(token);
  }

  /** Pushes sent by this process, oldest first, optionally only those to one token. */
  messages(to?: string): StoredPush[] {
    return to ? this.sent.filter(push => push.to === to) : [...this.sent];
  }
}
