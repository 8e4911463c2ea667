#!/bin/sh
# Rolls the platform out: the migration Job first (the new version's schemas), then the rest.
#   deploy/kubernetes/rollout.sh [overlay]     (default: overlays/production)
# Needs kubectl with access to the cluster; the Secrets listed in docs/deploy-aws.md must exist.
# If the migration fails, nothing else is applied: the old version keeps serving.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
overlay="$here/${1:-overlays/production}"
namespace=$(sed -n 's/^namespace: *//p' "$overlay/kustomization.yaml")
rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$overlay" > "$rendered"
kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -
# a Job's template cannot change: the previous run goes before the next
kubectl delete job migrate --namespace "$namespace" --ignore-not-found
kubectl apply -f "$rendered" --selector app.kubernetes.io/name=migrate
if ! kubectl wait job/migrate --namespace "$namespace" --for=condition=complete --timeout=15m; then
  echo 'the migration failed: nothing else was applied' >&2
  kubectl logs job/migrate --namespace "$namespace" --tail=50 >&2 || true
  exit 1
fi
kubectl apply -f "$rendered"
for deployment in $(kubectl get deployments --namespace "$namespace" -l app.kubernetes.io/part-of=video-platform -o name); do
  kubectl rollout status "$deployment" --namespace "$namespace" --timeout=10m
done
