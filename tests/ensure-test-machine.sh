#!/usr/bin/env bash
# Makes sure the system packages the tests need are installed: installs them with apt-get when running as root,
# otherwise prints one line naming what is missing and the command that installs it, and fails.
# Usage: ensure-test-machine.sh PACKAGE...   (postgresql, chromium, fonts-dejavu-core, dovecot-imapd)
set -euo pipefail

missing_packages() {
  local need
  for need in "$@"; do
    case "$need" in
      postgresql) { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || echo postgresql ;;
      chromium) [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || echo chromium ;;
      fonts-dejavu-core) [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo fonts-dejavu-core ;;
      dovecot-imapd) { [ -x /usr/sbin/dovecot ] && [ -e /usr/lib/dovecot/imap ]; } || echo dovecot-imapd ;;
      *) echo "ensure-test-machine.sh: unknown package $need" >&2; exit 2 ;;
    esac
  done
}

# PostgreSQL refuses to run as root; as root the test clusters run as this system user.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

missing=$(missing_packages "$@" | tr '\n' ' ' | sed 's/ *$//')
[ -z "$missing" ] && exit 0

install="apt-get install -y --no-install-recommends $missing"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need system packages that are missing: $missing. Install them with: sudo $install"
  exit 1
fi

# Test projects build in parallel: one installs, the others wait and find everything in place.
exec 9>/tmp/arcollect-test-machine.lock
flock 9
missing=$(missing_packages "$@" | tr '\n' ' ' | sed 's/ *$//')
[ -z "$missing" ] && exit 0
echo "Installing system packages for the tests: $missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/tmp/arcollect-test-machine.log 2>&1; then
  echo "Installing $missing failed (see /tmp/arcollect-test-machine.log). Install them with: $install"
  exit 1
fi

# The packages' own services are not needed: tests start private instances on free loopback ports.
service dovecot stop >/dev/null 2>&1 || true
service postgresql stop >/dev/null 2>&1 || true
