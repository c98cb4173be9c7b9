#!/usr/bin/env bash
# Benchmark: bench/run.sh [small|fleet|newest-build] [--latency-ms N] [--no-token-auth] [--interval D]
#                         [--timeout-s N] [--jvm-opts "..."] [-- run-args...]
# Starts a real docker-registry behind a slow loopback proxy, a mock Kubernetes API server with a fleet of
# Argo CD Applications, runs the packaged updater for two cycles and prints what they cost.
# Exits 1 when a request-count check fails. Results: bench/results/<scenario>-<timestamp>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"
command -v docker-registry >/dev/null 2>&1 || { echo "bench: needs /usr/bin/docker-registry (apt-get install docker-registry)" >&2; exit 2; }

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/test-classes/io/imageupdater/bench/Bench.class ]; then
  echo "[bench] building the jar and test classes (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
classpath_file=target/bench.classpath
if [ ! -s "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
fi

exec java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" io.imageupdater.bench.Bench "$@"
