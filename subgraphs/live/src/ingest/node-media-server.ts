import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * node-media-server 4.4 ships JavaScript checked with JSDoc, without declarations. The ingest uses
 * its RTMP protocol session and broadcast classes directly (not its all-in-one server, which reads
 * a process-wide config, opens an HTTP admin and a JSON store in the working directory, and exits
 * the process when a port is taken), so the parts it touches are typed here.
 */
export interface NmsBroadcast {
  streamPath: string;
  publisher: unknown;
  subscribers: Map<string, { close(): void }>;
  /** Its own resume window after a publisher drops (the ingest sets 0 and keeps its own). */
  publishGraceMs: number;
}

export interface NmsRtmpSession {
  id: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  videoWidth: number;
  videoHeight: number;
  videoDatarate: number;
  audioDatarate: number;
  broadcast: NmsBroadcast;
  rtmp: {
    onPushCallback: () => void;
    onPlayCallback: () => void;
    onPacketCallback: (packet: unknown) => void;
  };
  run(): void;
  onPush(): void;
  onPlay(): void;
  onPacket(packet: unknown): void;
  close(): void;
}

const load = createRequire(__filename);

/** The process-wide registry of sessions and broadcasts (by stream path) node-media-server keeps. */
export const NmsContext = load('node-media-server/src/core/context.js') as {
  sessions: Map<string, unknown>;
  broadcasts: Map<string, NmsBroadcast>;
};

export const nmsLogger = load('node-media-server/src/core/logger.js') as { level: string };

export const BroadcastServer = load('node-media-server/src/server/broadcast_server.js') as new (
  streamPath: string,
) => NmsBroadcast;

export const RtmpSession = load('node-media-server/src/session/rtmp_session.js') as new (
  socket: Socket,
) => NmsRtmpSession;
