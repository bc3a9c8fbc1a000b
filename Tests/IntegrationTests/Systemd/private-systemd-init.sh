#!/bin/bash
# PID 1 of a PhoiHop test's private systemd, until it execs systemd.
#
# PrivateSystemd.swift starts this script as
#   setpriv --pdeathsig KILL -- script -qefc "setpriv --pdeathsig KILL -- unshare --pid --fork
#       --kill-child --mount-proc --mount --uts --ipc --cgroup --propagation private
#       -- bash private-systemd-init.sh" console.log
# from a launcher it has already moved into fresh `phoihop-sd-<pid>-<n>` cgroups, so this
# script runs in new pid/mount/uts/ipc/cgroup namespaces (the network is the host's), with the
# pty of `script` on its standard input and output.
#
# Its one job: make every place systemd writes to private to this instance — a host left
# exactly as it was is the point — and only then exec systemd. Anything that fails before the
# exec ends the script (set -e), and with it the namespaces: systemd never starts half-confined.
#
# Input (environment, set by PrivateSystemd.swift):
#   PHOIHOP_SD_CGROUPS       words "dir|fstype|options": the hierarchies to mount under the new
#                            /sys/fs/cgroup ("dir" "." = the whole of it, on a cgroup2-only host)
#   PHOIHOP_SD_CGROUP_LINKS  words "name|target": the host's symlinks in /sys/fs/cgroup
set -euo pipefail

say() { echo "phoihop-sd-init: $*"; }

# Where the private state lives: /run is the first thing replaced, so the overlays' upper
# layers, the masks and the drop-ins below all land in memory owned by this namespace.
STATE=/run/phoihop-sd
# Directories whose writes stay in the instance (copy-on-write over the host's files).
OVERLAID="/etc /var /usr/local"

# Units that would act on the host's kernel, clock, devices, disks, entropy pool or terminals
# (nothing here is namespaced), or that prepare a real machine's first boot. The tests run
# `systemd-sysusers` themselves when a unit needs its users.
HOST_ACTING_UNITS="
  systemd-modules-load.service kmod-static-nodes.service systemd-sysctl.service
  systemd-binfmt.service proc-sys-fs-binfmt_misc.automount proc-sys-fs-binfmt_misc.mount
  systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket
  systemd-udev-trigger.service systemd-udev-settle.service systemd-hwdb-update.service
  systemd-tmpfiles-setup-dev.service systemd-tmpfiles-clean.timer
  systemd-timesyncd.service systemd-random-seed.service systemd-pstore.service
  systemd-remount-fs.service systemd-fsck-root.service systemd-repart.service
  systemd-pcrphase.service systemd-pcrphase-sysinit.service systemd-journald-audit.socket
  systemd-firstboot.service systemd-machine-id-commit.service systemd-sysusers.service
  ldconfig.service systemd-update-done.service systemd-journal-catalog-update.service
  systemd-update-utmp.service systemd-update-utmp-runlevel.service
  getty.target getty-static.service getty@.service serial-getty@.service
  console-getty.service container-getty@.service
"

private_mount_tree() {
    # unshare made every mount private to this namespace; systemd expects a shared root (mount
    # propagation into services, LoadCredential=). Peer groups made now exist only in here.
    # -n everywhere: libmount must not write its utab into the host's /run.
    mount -n --make-rshared /
}

private_runtime() {
    mount -n -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
    mkdir -p "$STATE" /run/lock /run/systemd/system
}

private_filesystems() {
    local dir
    for dir in $OVERLAID; do
        mkdir -p "$STATE/overlay$dir/upper" "$STATE/overlay$dir/work"
        mount -n -t overlay overlay \
            -o "lowerdir=$dir,upperdir=$STATE/overlay$dir/upper,workdir=$STATE/overlay$dir/work" "$dir"
    done
    # A fresh, empty tmpfs for each place a boot cleans or fills: Debian's tmpfiles.d would
    # empty /tmp, and the journal must show this instance only (its boot id is the host's).
    mount -n -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
    mount -n -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp
    mount -n -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
    if [[ -d /var/log/journal ]]; then
        mount -n -t tmpfs -o mode=2755 tmpfs /var/log/journal
    fi
    # The host's enabled units (its database, its timers) must not start in here; the tests
    # install theirs into this empty directory.
    mount -n -t tmpfs -o mode=0755 tmpfs /etc/systemd/system
    # Everything else of the root file system is the host's own: read-only in here, so a unit
    # that writes to /opt, /root or / (a core file named by the host's core_pattern) fails
    # loudly instead of changing the host. The mounts above stay writable.
    mount -n -o remount,bind,ro /
}

read_only_kernel() {
    # Bind then remount the *bind* read-only: that flag belongs to this namespace's mount,
    # whereas a plain `remount,ro` would change the host's superblock.
    mount -n --bind /proc/sys /proc/sys
    mount -n -o remount,bind,ro /proc/sys
    if [[ -e /proc/sysrq-trigger ]]; then
        mount -n --bind /proc/sysrq-trigger /proc/sysrq-trigger
        mount -n -o remount,bind,ro /proc/sysrq-trigger
    fi
    mount -n -o remount,bind,ro /sys
}

private_cgroups() {
    # The cgroup namespace is rooted at the launcher's phoihop-sd-* cgroups; mounting the
    # hierarchies again here shows systemd those subtrees as the whole tree. A tmpfs first:
    # cgroup2 will not mount on top of the host's cgroup2 mount root.
    mount -n -t tmpfs -o mode=0755,nosuid,nodev,noexec,size=1m tmpfs /sys/fs/cgroup
    local spec dir fstype options link name target
    for spec in ${PHOIHOP_SD_CGROUPS:?the hierarchies to mount are missing}; do
        IFS='|' read -r dir fstype options <<<"$spec"
        if [[ $dir == . ]]; then
            mount -n -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup
            return
        fi
        mkdir -p "/sys/fs/cgroup/$dir"
        mount -n -t "$fstype" -o "nosuid,nodev,noexec${options:+,$options}" cgroup "/sys/fs/cgroup/$dir"
    done
    for link in ${PHOIHOP_SD_CGROUP_LINKS:-}; do
        IFS='|' read -r name target <<<"$link"
        if [[ -e /sys/fs/cgroup/$target ]]; then ln -s "$target" "/sys/fs/cgroup/$name"; fi
    done
    # As systemd-nspawn does: no new hierarchies from inside.
    mount -n -o remount,ro /sys/fs/cgroup
}

private_console() {
    # systemd reopens /dev/console for every status line: without this bind they would reach
    # the machine's real console. /dev/kmsg to /dev/null keeps the host's dmesg clean.
    local pty
    pty=$(tty)
    mount -n --bind "$pty" /dev/console
    mount -n --bind /dev/null /dev/kmsg
}

manager_configuration() {
    local unit
    for unit in $HOST_ACTING_UNITS; do ln -s /dev/null "/run/systemd/system/$unit"; done
    mkdir -p /run/systemd/system.conf.d /run/systemd/journald.conf.d /run/systemd/logind.conf.d \
        /run/systemd/system/systemd-tmpfiles-setup.service.d
    # The tests make the watchdog abort daemons (SIGABRT); core_pattern is the host's and names
    # a file in the daemon's working directory, so no service may dump core at all.
    printf '[Manager]\nDefaultLimitCORE=0:0\n' >/run/systemd/system.conf.d/phoihop-sd.conf
    printf '[Journal]\nStorage=volatile\nReadKMsg=no\nRateLimitBurst=0\nRateLimitIntervalSec=0\n' \
        >/run/systemd/journald.conf.d/phoihop-sd.conf
    printf '[Login]\nNAutoVTs=0\nReserveVT=0\n' >/run/systemd/logind.conf.d/phoihop-sd.conf
    # tmpfiles at boot only below the private prefixes (never /dev: that one is the host's).
    local prefixes="--prefix=/run --prefix=/tmp --prefix=/var/tmp" dir
    for dir in $OVERLAID; do prefixes+=" --prefix=$dir"; done
    printf '[Service]\nExecStart=\nExecStart=systemd-tmpfiles --create --remove --boot --exclude-prefix=/dev %s\n' \
        "$prefixes" >/run/systemd/system/systemd-tmpfiles-setup.service.d/phoihop-sd.conf
}

refuse_unless_confined() {
    # Run anywhere else (by hand on the host, or without unshare's --mount-proc), the mounts
    # below would cover the host's own /run, /tmp and /etc: refuse unless this is PID 1 of a
    # new pid namespace with its own /proc — which unshare only mounts in a new mount namespace
    # — and in a cgroup namespace whose root is the launcher's cgroup ("/" in every hierarchy).
    local own_pid_in_proc
    read -r own_pid_in_proc _ </proc/self/stat   # bash itself opens it: no child process
    if [[ $$ != 1 || $own_pid_in_proc != 1 ]]; then
        say "refusing: not PID 1 of a new pid and mount namespace (run by PrivateSystemd.swift only)" >&2
        exit 1
    fi
    if grep -qv ':/$' /proc/self/cgroup; then
        say "refusing: not at the root of a new cgroup namespace" >&2
        exit 1
    fi
}

refuse_unless_confined
private_mount_tree
private_runtime
private_filesystems
read_only_kernel
private_cgroups
private_console
manager_configuration

say "namespaces ready; exec systemd"
# container=lxc: systemd and systemd-shutdown skip what only a real machine does (swapoff, loop
# and DM detach, kernel reboot). Without CAP_SYS_MODULE and CAP_SYS_TIME nothing in the
# instance can load a module or set the host's clock, whatever a unit asks for.
exec setpriv --bounding-set -sys_module,-sys_time -- \
    env -i container=lxc TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /lib/systemd/systemd --unit=multi-user.target --log-target=journal --log-level=info \
    --show-status=yes
