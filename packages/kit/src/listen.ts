import { type AddressInfo, type ListenOptions, type Server } from 'node:net';

/**
 * Starts `server` listening and says where; rejects with the server's error (EADDRINUSE, EACCES)
 * when it cannot. The error must be caught here: a WebSocket server attached to `server` also
 * listens for its 'error' events, so an unhandled one does not end the process, and a taken port
 * would otherwise leave the start waiting forever.
 */
export function listen(server: Server, options: ListenOptions): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
