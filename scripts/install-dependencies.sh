#!/bin/sh
# Installs the Debian 12 packages Tholos needs to build and test, when they
# are missing. Run as root (or with sudo). Installs nothing that is present.
set -eu

packages="g++ cmake ninja-build tao-pegtl-dev libfmt-dev librange-v3-dev libcli11-dev
  nlohmann-json3-dev libboost-dev libgtest-dev libgmock-dev libbenchmark-dev libedit-dev locales"

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $package"
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-dependencies: missing packages:$missing" >&2
    echo "install-dependencies: run this script as root, or: sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "install-dependencies: installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# One test checks that numbers are read the same whatever the host's locale;
# it needs a locale with a decimal comma.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if [ "$(id -u)" -eq 0 ]; then
    sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen >/dev/null
  else
    echo "install-dependencies: the de_DE.UTF-8 locale is missing (as root: locale-gen)" >&2
  fi
fi
