#!/usr/bin/env bash
# Runs every NetWatch test on a fresh machine: installs what the tests need when it is missing, builds,
# runs all test assemblies, and ends with the line "N passed, N failed" alone (summed over all assemblies; a
# "N skipped" line comes before it when any test was skipped). Exits non-zero when any test fails or nothing ran.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages some tests drive as real peers: rsyslog (rsyslogd forwards syslog to `netwatch run`),
# bsdutils (util-linux `logger`), python3 (runs shared/tools/gen_squid_log.py for the crash test), postfix (its
# smtp-sink receives the alert e-mail tests' messages; answered "No configuration", so no mail daemon is set up),
# chromium (the web app's browser tests drive it with Playwright; nothing is downloaded), poppler-utils (pdftotext
# reads the text of the termly report's PDF in the web tests).
NETWATCH_TEST_APT_PACKAGES=(rsyslog bsdutils python3 postfix chromium poppler-utils)

need_apt=()
for pkg in "${NETWATCH_TEST_APT_PACKAGES[@]:-}"; do
  [ -n "$pkg" ] && ! dpkg -s "$pkg" >/dev/null 2>&1 && need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# A larger socket receive buffer for the UDP syslog tests (best effort: a container may not allow it).
sysctl -q -w net.core.rmem_max=33554432 >/dev/null 2>&1 || true

command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

results="$(pwd)/.ci/out/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build NetWatch.sln -c Release -nologo -v quiet
set +e
dotnet test NetWatch.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results"
status=$?
set -e

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(attr total); e=$(attr executed); p=$(attr passed); f=$(attr failed)
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
[ "$skipped" -eq 0 ] || echo "${skipped} skipped"
echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
