/** What Kubernetes' liveness probe asks (deploy/kubernetes); the same answer as /api/health. */
export { dynamic, GET } from '../api/health/route';
