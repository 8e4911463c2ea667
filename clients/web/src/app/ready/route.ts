/**
 * What Kubernetes' readiness probe asks (deploy/kubernetes): the server answers, so it can render.
 * The gateway is not checked here: pages already degrade without it, and a gateway outage taking
 * every web pod out of the load balancer would turn an error page into no page at all.
 */
// route segment config must be written here, not re-exported (Next reads it statically)
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
