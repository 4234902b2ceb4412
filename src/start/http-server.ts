/**
 * Listening and stopping: `listen` resolves once the port is bound (or
 * rejects with a readable message, e.g. the port is taken); `close` stops
 * accepting, lets requests in flight finish, and cuts what is left after a
 * grace period so shutdown never hangs on a keep-alive socket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningServer {
  server: Server;
  port: number;
  close(graceMs?: number): Promise<void>;
}

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export async function listen(
  app: RequestListener,
  port: number,
  host?: string,
): Promise<RunningServer> {
  const server = createServer(app);
  // Slow clients must not hold sockets forever.
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new ListenError(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use: stop what uses it or set PORT to another port`
            : error.code === 'EACCES'
              ? `no permission to listen on port ${port}: use a port above 1023 or run with the right rights`
              : `cannot listen on port ${port}: ${error.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
