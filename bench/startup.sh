#!/usr/bin/env bash
# Measures start-to-ready of the JVM build: starts `java -jar target/quarkus-app/quarkus-run.jar run` against a
# fake API server on loopback, polls /q/health/ready, and reports the time to the first 200 and the process RSS
# then and after a few more cycles. Usage: bench/startup.sh [runs] [extra JVM options...]
#   bench/startup.sh 5                                   # as packaged
#   ./mvnw package -DskipTests -Dappcds && bench/startup.sh 5 -XX:SharedArchiveFile=app-cds.jsa   # with AppCDS
# The JVM runs from target/quarkus-app, where Quarkus's AppCDS archive expects the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; shift || true
jar=quarkus-run.jar
[ -f "target/quarkus-app/$jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
java="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")"
api_port=$((20000 + RANDOM % 10000)); http_port=$((30000 + RANDOM % 10000))
work=$(mktemp -d)
python3 bench/fake-apiserver.py "$api_port" & api_pid=$!
trap 'kill $api_pid 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/kubeconfig" <<KUBE
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$api_port"}}]
contexts: [{name: fake, context: {cluster: fake, namespace: argocd, user: fake}}]
current-context: fake
users: [{name: fake, user: {token: not-a-secret}}]
KUBE
sleep 0.5
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# CPU time (user + system) of the process so far, in ms: less sensitive than wall time to other load on the machine.
cpu_ms() { awk -v tck="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tck)}' "/proc/$1/stat"; }
total=0; total_cpu=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  (cd target/quarkus-app && HOME="$work" QUARKUS_HTTP_PORT=$http_port exec "$java" "$@" -jar "$jar" run --kubeconfig "$work/kubeconfig" \
      --interval 1s --leader-election=false > "$work/log" 2>&1) & pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$http_port/q/health/ready" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$work/log"; exit 1; }
    sleep 0.01
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss_ready=$(rss_kib $pid); cpu_ready=$(cpu_ms $pid)
  sleep 5
  rss_steady=$(rss_kib $pid)
  kill -TERM $pid; wait $pid || true
  echo "run $i: ready after ${ready} ms (${cpu_ready} ms CPU), RSS at ready $((rss_ready / 1024)) MiB, after 5 s of 1 s cycles $((rss_steady / 1024)) MiB"
  total=$((total + ready)); total_cpu=$((total_cpu + cpu_ready))
done
echo "mean start-to-ready: $((total / runs)) ms wall, $((total_cpu / runs)) ms CPU over $runs runs ($(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1))"
