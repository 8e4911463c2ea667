import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMailbox } from './local-mailbox';
import { type Mailer, type MailMessage } from './mailer';
import { SesMailer } from './ses-mailer';

/** What a mailer under test delivered, seen from the far side (mailbox files, or the SES wire). */
interface MailerUnderTest {
  mailer: Mailer;
  delivered(): Promise<MailMessage[]>;
  stop(): Promise<void>;
}

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A stand-in for the SES v2 endpoint that records each request and answers like SES. */
async function fakeSes(status = 200) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: text ? JSON.parse(text) : null,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200
            ? { MessageId: `msg-${requests.length}` }
            : { message: 'Email address is not verified.' },
        ),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

function sesMailer(endpoint: string) {
  return new SesMailer({
    region: 'eu-west-1',
    from: 'Video Platform <no-reply@example.com>',
    client: {
      endpoint,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      maxAttempts: 1,
    },
  });
}

const implementations: [string, () => Promise<MailerUnderTest>][] = [
  [
    'LocalMailbox',
    async () => {
      const folder = await mkdtemp(join(tmpdir(), 'mailbox-'));
      const mailbox = new LocalMailbox(folder);
      return {
        mailer: mailbox,
        async delivered() {
          const files = (await readdir(folder)).sort();
          const fromFiles = await Promise.all(
            files.map(async file => JSON.parse(await readFile(join(folder, file), 'utf8'))),
          );
          expect(mailbox.messages()).toEqual(fromFiles);
          return fromFiles;
        },
        stop: () => rm(folder, { recursive: true, force: true }),
      };
    },
  ],
  [
    'SesMailer',
    async () => {
      const ses = await fakeSes();
      const mailer = sesMailer(ses.endpoint);
      return {
        mailer,
        async delivered() {
          return ses.requests.map(request => ({
            to: request.body.Destination.ToAddresses[0],
            subject: request.body.Content.Simple.Subject.Data,
            text: request.body.Content.Simple.Body.Text.Data,
          }));
        },
        async stop() {
          mailer.close();
          await ses.stop();
        },
      };
    },
  ],
];

describe.each(implementations)('the mail port contract: %s', (_name, start) => {
  let underTest: MailerUnderTest;
  beforeEach(async () => {
    underTest = await start();
  });
  afterEach(() => underTest.stop());

  it('delivers a message with its recipient, subject and the link in the body', async () => {
    const link = 'https://web.example.test/reset-password?token=abc_DEF-123';
    await underTest.mailer.send({
      to: 'reader@example.com',
      subject: 'Reset your password',
      text: `Open ${link}\n`,
    });
    const delivered = await underTest.delivered();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      to: 'reader@example.com',
      subject: 'Reset your password',
    });
    expect(delivered[0].text).toContain(link);
  });

  it('keeps messages apart and in order, with non-ASCII text intact', async () => {
    await underTest.mailer.send({ to: 'one@example.com', subject: 'Première', text: 'こんにちは' });
    await underTest.mailer.send({ to: 'two@example.com', subject: 'Second', text: 'two' });
    const delivered = await underTest.delivered();
    expect(delivered.map(mail => [mail.to, mail.subject, mail.text])).toEqual([
      ['one@example.com', 'Première', 'こんにちは'],
      ['two@example.com', 'Second', 'two'],
    ]);
  });
});

describe('SesMailer on the wire', () => {
  it('posts a signed SendEmail v2 request with sender, recipient and subject', async () => {
    const ses = await fakeSes();
    const mailer = sesMailer(ses.endpoint);
    try {
      await mailer.send({
        to: 'reader@example.com',
        subject: 'Confirm your email address',
        text: 'link',
      });
      expect(ses.requests).toHaveLength(1);
      const [request] = ses.requests;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/v2/email/outbound-emails');
      expect(request.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/ses\/aws4_request/,
      );
      expect(request.body).toMatchObject({
        FromEmailAddress: 'Video Platform <no-reply@example.com>',
        Destination: { ToAddresses: ['reader@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Confirm your email address' },
            Body: { Text: { Data: 'link' } },
          },
        },
      });
    } finally {
      mailer.close();
      await ses.stop();
    }
  });

  it('fails the send when SES refuses it', async () => {
    const ses = await fakeSes(400);
    const mailer = sesMailer(ses.endpoint);
    try {
      await expect(
        mailer.send({ to: 'reader@example.com', subject: 'x', text: 'y' }),
      ).rejects.toThrow();
    } finally {
      mailer.close();
      await ses.stop();
    }
  });
});
