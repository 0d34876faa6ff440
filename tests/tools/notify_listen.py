#!/usr/bin/env python3
"""Plays systemd's side of sd_notify for tests/e2e/health.sh: binds a datagram socket, runs
the command with NOTIFY_SOCKET pointing at it, sends it SIGTERM after SECONDS and prints every
message received as 'SECONDS_SINCE_START MESSAGE', one a line, until the command exits.
Usage: notify_listen.py SOCKET_PATH SECONDS COMMAND [ARGS...]"""
import os, select, signal, socket, subprocess, sys, time

path, stop_after, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
env = dict(os.environ, NOTIFY_SOCKET=path)
t0 = time.monotonic()
proc = subprocess.Popen(cmd, env=env)
stopped = False
while True:
    if not stopped and time.monotonic() - t0 >= stop_after:
        proc.send_signal(signal.SIGTERM)
        stopped = True
    ready, _, _ = select.select([sock], [], [], 0.05)
    if ready:
        for line in sock.recv(4096).decode("utf-8", "replace").split("\n"):
            if line:
                print("%.3f %s" % (time.monotonic() - t0, line), flush=True)
    elif proc.poll() is not None:
        break
sys.exit(proc.returncode)
