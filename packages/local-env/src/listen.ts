import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1:`port` (0: any free port) and resolves with the port bound; rejects with the
 * server's error (EADDRINUSE when the port is taken) instead of leaving it unhandled. Every local server
 * (the AWS endpoint, each API front) binds through this one function.
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Listens through `listen`; a taken port becomes an error naming the server and the port (PortInUseError). */
export async function listenOn(what: string, port: number | undefined, listen: (port: number) => Promise<number>): Promise<number> {
  try {
    return await listen(port ?? 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(what, port ?? 0);
    throw error;
  }
}

/** A fixed port is taken by another process. */
export class PortInUseError extends Error {
  constructor(readonly what: string, readonly port: number) {
    super(`port ${port} (${what}) on 127.0.0.1 is already in use`);
  }
}
