import { readFile } from 'node:fs/promises';

/** A coded error from the graph, kept whole so callers can tell one refusal from another. */
export class GraphError extends Error {
  constructor(readonly errors: { message: string; extensions?: Record<string, any> }[]) {
    super(errors.map(error => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
  }

  get codes() {
    return this.errors.map(error => error.extensions?.code);
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The platform as a client sees it, through the gateway only: GraphQL, and uploads to the signed
 * targets it hands out. The seed and the end-to-end tests use it.
 */
export class PlatformClient {
  readonly origin: string;

  constructor(readonly url: string) {
    this.origin = new URL(url).origin;
  }

  async query<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GraphError['errors'] };
    if (body.errors?.length) {
      throw new GraphError(body.errors);
    }
    return body.data as T;
  }

  /** Whether a gateway answers at this address. */
  async reachable(): Promise<boolean> {
    try {
      await this.query('{ __typename }');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A file through the real pipeline: createUpload, the bytes PUT to the signed target (on this
   * client's origin, which is the gateway's), completeUpload, then processing until READY.
   */
  async upload(token: string, file: string, title: string): Promise<string> {
    const body = await readFile(file);
    const { createUpload } = await this.query(
      `mutation ($input: CreateUploadInput!) {
         createUpload(input: $input) { video { id } upload { url method headers { name value } } } }`,
      { input: { filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: body.length, title } },
      token,
    );
    const target = new URL(createUpload.upload.url);
    const put = () =>
      fetch(`${this.origin}${target.pathname}${target.search}`, {
        method: createUpload.upload.method,
        headers: Object.fromEntries(
          createUpload.upload.headers.map((h: { name: string; value: string }) => [
            h.name,
            h.value,
          ]),
        ),
        body: new Uint8Array(body),
      });
    // A 502 is the gateway failing to reach videos (a kept-alive connection closed under it): the
    // bytes never arrived, and the signed target takes them once, so trying again is safe; a 409
    // on a retry means an earlier try did land.
    for (let attempt = 1; ; attempt++) {
      const { status } = await put();
      if (status < 300 || (attempt > 1 && status === 409)) {
        break;
      }
      if (status !== 502 || attempt === 3) {
        throw new Error(`The upload of "${title}" was refused: HTTP ${status}`);
      }
      await sleep(200);
    }
    const id = createUpload.video.id as string;
    await this.query(`mutation ($id: ID!) { completeUpload(videoId: $id) { id } }`, { id }, token);
    await this.waitReady(token, id);
    return id;
  }

  /** Polls a video until READY (FAILED or a timeout throw). */
  async waitReady(token: string, id: string, timeoutMs = 300_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { video } = await this.query(
        `query ($id: ID!) { video(id: $id) { status failureReason } }`,
        { id },
        token,
      );
      if (video?.status === 'READY') {
        return;
      }
      if (!video || video.status === 'FAILED' || Date.now() > deadline) {
        throw new Error(
          `Video ${id} did not become READY: ${video?.failureReason ?? video?.status ?? 'gone'}`,
        );
      }
      await sleep(500);
    }
  }

  /**
   * Retries `attempt` while it fails in a way `pending` recognises: a fact still travelling between
   * subgraphs (an event not yet consumed), never a real refusal.
   */
  async settle<T>(
    attempt: () => Promise<T>,
    pending: (error: GraphError) => boolean,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof GraphError) || !pending(error) || Date.now() > deadline) {
          throw error;
        }
        await sleep(300);
      }
    }
  }
}
