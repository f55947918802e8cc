#!/usr/bin/env bash
# Deploy a built site to a web server's folder, atomically, with rollback.
#
#   deploy/deploy.sh TARGET [PROJECT]  upload PROJECT's site/ (with its generated .nginx-site.conf;
#                                      PROJECT defaults to this repository) as a new release under
#                                      TARGET/releases/, then switch TARGET/current to it
#   deploy/deploy.sh TARGET --rollback switch TARGET/current back to the previous release
#
# TARGET is a local or mounted folder (for a remote host, run this there after rsync-ing the
# project's site/). The switch is one rename, so visitors never see half a
# site. Set NGINX_RELOAD=1 to reload nginx after switching; KEEP (default 5) releases are kept.
set -euo pipefail

target=${1:?usage: deploy.sh TARGET [--rollback]}
mkdir -p "$target/releases"

switch_to() {
  ln -sfn "$1" "$target/current.new"
  mv -T "$target/current.new" "$target/current"
  if [ "${NGINX_RELOAD:-0}" = 1 ]; then nginx -s reload; fi
  echo "current -> $1"
}

if [ "${2:-}" = "--rollback" ]; then
  current=$(readlink "$target/current")
  previous=$(ls -1d "$target"/releases/*/ | sed 's:/$::' | sort | awk -v cur="$current" '$0 == cur {print prev} {prev = $0}')
  if [ -z "$previous" ]; then echo "no release before $current" >&2; exit 1; fi
  switch_to "$previous"
  exit 0
fi

project=${2:-$(cd "$(dirname "$0")/.." && pwd)}
test -f "$project/site/index.html" || { echo "no built site in $project/site: run make site first" >&2; exit 1; }
release="$target/releases/$(date -u +%Y%m%dT%H%M%S%NZ)"
mkdir -p "$release"
cp -a "$project/site" "$release/site"
switch_to "$release"
ls -1d "$target"/releases/*/ | sed 's:/$::' | sort | head -n "-${KEEP:-5}" | while read -r old; do
  [ "$old" = "$release" ] || rm -rf "$old"
done
