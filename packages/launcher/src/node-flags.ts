/**
 * The Node flags every process of the platform runs with: `npm start`'s script, the image's
 * NODE_OPTIONS (Dockerfile), and the processes the tests and benches start as the platform would.
 *
 * A young generation of up to 64 MB a semi-space (16 by default): a request allocates much that
 * dies young, and with the default size the scavenges cost 8–16 % more CPU per request in
 * bench/ops. It grows to that size only under load.
 */
export const PLATFORM_NODE_FLAGS = ['--max-semi-space-size=64'];
