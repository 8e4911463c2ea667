import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { listen } from './listen';

describe('listen', () => {
  it('says where the server listens', async () => {
    const server = createServer();
    const { port } = await listen(server, { port: 0, host: '127.0.0.1' });
    expect(port).toBeGreaterThan(0);
    await new Promise(resolve => server.close(resolve));
  });

  it('rejects on a taken port even with a WebSocket server attached (which hears the error too)', async () => {
    const first = createServer();
    const { port } = await listen(first, { port: 0, host: '127.0.0.1' });
    const second = createServer();
    const sockets = new WebSocketServer({ server: second });
    sockets.on('error', () => undefined); // as graphql-ws's useServer does: it only logs
    try {
      await expect(listen(second, { port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      sockets.close();
      await new Promise(resolve => first.close(resolve));
    }
  });
});
