#!/usr/bin/env bash
# Builds kube-apiserver and etcd from source through the Go module proxy, once, into
# ${IMAGE_UPDATER_K8S_DIR:-~/.cache/image-updater/k8s/<version>} (no download site for Kubernetes
# binaries is reachable here). A warm cache makes this a no-op. Prints the directory on stdout.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.37.2}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
minor_patch="${K8S_VERSION#1.}"
staging_version="v0.${minor_patch}"
out="${IMAGE_UPDATER_K8S_DIR:-$HOME/.cache/image-updater/k8s/$K8S_VERSION}"

if [ -x "$out/kube-apiserver" ] && [ -x "$out/etcd" ]; then
  echo "$out"
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "error: go is needed to build kube-apiserver and etcd ($0)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/apiserver" "$work/etcd"
export GOFLAGS="-mod=mod" CGO_ENABLED=0

echo "building kube-apiserver v$K8S_VERSION (cold: 5-15 minutes on 2 cores)" >&2
cd "$work/apiserver"
go mod init local/kube-apiserver >/dev/null 2>&1
modfile="$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
go mod edit -require="k8s.io/kubernetes@v$K8S_VERSION"
# Staging modules are replaced by relative paths in k8s.io/kubernetes; use their published versions.
for m in $(sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$modfile"); do
  go mod edit -replace="$m=$m@$staging_version"
done
cat > main.go <<'GO'
package main

import (
	"os"

	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
GO
go mod tidy >&2
go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor_patch%%.*}" -o "$out/kube-apiserver.tmp" . >&2
mv "$out/kube-apiserver.tmp" "$out/kube-apiserver"

echo "building etcd v$ETCD_VERSION" >&2
cd "$work/etcd"
go mod init local/etcd >/dev/null 2>&1
go mod edit -require="go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "go.etcd.io/etcd/server/v3"
GO
go mod tidy >&2
go build -trimpath -ldflags "-s -w" -o "$out/etcd.tmp" go.etcd.io/etcd/server/v3 >&2
mv "$out/etcd.tmp" "$out/etcd"
echo "$out"
