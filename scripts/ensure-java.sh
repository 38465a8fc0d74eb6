#!/usr/bin/env bash
# The browser tests check every page with the Nu HTML Checker (npm's vnu-jar), which runs on
# Java; install Debian's headless JRE when `java` is missing (these machines run as root).
set -euo pipefail
command -v java >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The HTML check needs Java: sudo apt-get install default-jre-headless" >&2
  exit 1
fi
echo "Installing Debian's default-jre-headless for the HTML check..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq default-jre-headless >/dev/null
