#!/bin/bash
# The two local base images the container test builds on, made once per machine (about 3 minutes):
#   localhost/debian:bookworm              debootstrap of Debian's minbase (no registry to pull from)
#   localhost/openjdk-17-runtime:bookworm  + JRE 17, user 185, run-java.sh: the ubi9 runtime's contract
# Existing images are kept. Needs root, podman, debootstrap (.ci/run installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# One at a time: .ci/run starts this in the background while the build runs, and the test's own
# call waits here until that one is done (then finds the images). No child keeps the lock's file
# descriptor (9>&-): one that outlived the script would hold the lock.
exec 9>"${TMPDIR:-/tmp}/ssv-podman-prepare.lock"
flock 9
if ! podman image exists localhost/debian:bookworm 9>&-; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    debootstrap --variant=minbase bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" > "$work/debootstrap.log" 9>&- \
        || { tail -20 "$work/debootstrap.log"; exit 1; }
    rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
    tar -C "$work/rootfs" -c . 9>&- | podman import --change 'CMD ["/bin/bash"]' - localhost/debian:bookworm 9>&-
fi
if ! podman image exists localhost/openjdk-17-runtime:bookworm 9>&-; then
    podman build -q -t localhost/openjdk-17-runtime:bookworm -f "$here/Containerfile.jre" "$here" 9>&-
fi
