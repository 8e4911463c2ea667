/** One plain-text email; links go in the body as full URLs built from configuration. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The mail port: the local mailbox on a laptop, SES in production. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
