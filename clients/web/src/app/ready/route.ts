/**
 * What Kubernetes' readiness probe asks (deploy/kubernetes): the server answers, so it can render.
 * The gateway is not checked here: pages already degrade without it, and a gateway outage taking
 * every web pod out of the load balancer would turn an error page into no page at all.
 */
export { dynamic, GET } from '../api/health/route';
