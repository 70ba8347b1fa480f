#!/usr/bin/env bash
# Stands in for the `docker` executable so that quarkus-container-image-jib writes each image to a tarball
# instead of loading it into a Docker daemon (Quarkus 3.33's Jib extension has no "build to tar" property:
# it either pushes to a registry or pipes a `docker load` tarball into `docker`). Use it through
#   -Dquarkus.jib.docker-executable-name=$PWD/deploy/kubernetes/images/docker-load-to-tar.sh
# (see docs/deploy.md, "Images"). The tarballs land in $IZONE_IMAGES_DIR (default <repo>/target/images) as
# izone_<service>_<tag>.tar, in `docker save` format: `docker load -i`, `podman load -i`, `kind load
# image-archive`, `ctr -n k8s.io images import` and `skopeo copy docker-archive:` all read them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${IZONE_IMAGES_DIR:-$repo/target/images}"
case "${1:-}" in
  info)
    # Jib asks the daemon's platform to pick the matching base image variant.
    arch="$(uname -m)"; [ "$arch" = x86_64 ] && arch=amd64; [ "$arch" = aarch64 ] && arch=arm64
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$arch"
    ;;
  load)
    mkdir -p "$out"
    tmp="$(mktemp "$out/.incoming.XXXXXX")"
    cat > "$tmp"
    tag="$(tar -xOf "$tmp" manifest.json | grep -o '"RepoTags":\["[^"]*' | sed 's/.*\["//' || true)"
    name="$(printf '%s' "${tag:-image-$(date +%s)}" | sed 's#^docker.io/##; s#[/:]#_#g')"
    mv "$tmp" "$out/$name.tar"
    chmod 644 "$out/$name.tar"
    echo "Loaded image: ${tag} (written to $out/$name.tar, no daemon involved)"
    ;;
  *)
    echo "docker-load-to-tar.sh: only 'info' and 'load' are supported (called with: $*)" >&2
    exit 1
    ;;
esac
