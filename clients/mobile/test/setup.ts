// Node 20 has no WebSocket of its own: graphql-ws gets the `ws` package's, as a phone's runtime
// gives React Native's.
import WebSocket from 'ws';

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
