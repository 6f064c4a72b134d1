#!/usr/bin/env bash
# The site's relationship maps are laid out by Graphviz's `dot` (Debian's graphviz package) at build
# time. Install it when missing and we are root; otherwise say, in one line, what to do.
set -euo pipefail
command -v dot >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  command -v dot >/dev/null && exit 0
fi
echo "make: Graphviz's dot is missing for the site's maps: run 'sudo apt-get install graphviz'" >&2
exit 1
