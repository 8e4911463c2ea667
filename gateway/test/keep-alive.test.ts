import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { keepAliveFetcher } from '../src/gateway';

describe("the gateway's keep-alive connections to subgraphs", () => {
  it("close an idle connection before the subgraph's announced keep-alive ends", async () => {
    const server = createServer((_req, res) => res.end('{}'));
    server.keepAliveTimeout = 2_000; // announced as `Keep-Alive: timeout=2`
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const closedByServer: boolean[] = [];
    server.on('connection', socket => {
      socket.on('end', () => closedByServer.push(true));
    });
    const { fetcher, close } = keepAliveFetcher();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      expect((await fetcher(url, { method: 'POST', body: '{}' })).status).toBe(200);
      // the client ends the idle socket 1 s before the server would: the server sees its end
      await new Promise(resolve => setTimeout(resolve, 1_600));
      expect(closedByServer).toEqual([true]);
    } finally {
      close();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
