/** What Kubernetes' liveness probe asks (deploy/kubernetes); the same answer as /api/health. */
// route segment config must be written here, not re-exported (Next reads it statically)
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
