import { SendEmailCommand, SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { type Mailer, type MailMessage } from './mailer';

export interface SesMailerOptions {
  region: string;
  /** A verified SES identity, e.g. "Video Platform <no-reply@example.com>". */
  from: string;
  /** Extra client settings (tests point `endpoint` at a local server). */
  client?: Omit<SESv2ClientConfig, 'region'>;
}

/** Production delivery through Amazon SES (API v2); credentials come from the usual AWS chain. */
export class SesMailer implements Mailer {
  private readonly client: SESv2Client;

  constructor(private readonly options: SesMailerOptions) {
    this.client = new SESv2Client({ ...options.client, region: options.region });
  }

  async send(message: MailMessage): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }

  close() {
    this.client.destroy();
  }
}
