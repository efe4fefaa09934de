#!/usr/bin/env python3
"""A userspace Ethernet switch that delays every frame, for scripts/wan on kernels without tc netem.

Some kernels (this sandbox's Firecracker kernel among them) are built without sch_netem, so `tc ... netem delay` is
refused. This switch takes its place: it runs in the switch namespace, reads every frame that arrives on the node
ports (AF_PACKET sockets on the veth ends), and sends it on to the destination port one-way-delay +- jitter later.
Frames between the same two ports keep their order (as netem does without reordering). The controller port (the
runner's own address, used only to read the nodes' APIs) is not delayed.

PACKET_VNET_HDR keeps the kernel's offload metadata (checksum-needed, GSO segment size) with each frame, so frames are
forwarded unchanged and the egress veth finishes checksums and segmentation exactly as a kernel bridge would.

Control on stdin, one command per line:
  groups G0,G1,...   partition: port i reaches port j only when Gi == Gj (the controller port reaches every port)
  heal               every port in one group again
Bounded: frames waiting longer than 2 s (a stalled port) are dropped, and at most 20,000 frames wait at once.
Standard library only.
"""
import argparse
import heapq
import os
import random
import selectors
import socket
import sys
import time

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_VNET_HDR = 15
PACKET_OUTGOING = 4
VNET_HDR_LEN = 10
MAX_FRAME = 65536 + VNET_HDR_LEN + 64
MAX_QUEUED = 20_000
MAX_WAIT_S = 2.0


def open_port(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((name, 0))
    s.setblocking(False)
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ports", required=True, help="comma-separated node port names, in node order")
    ap.add_argument("--controller-port", required=True)
    ap.add_argument("--delay-ms", type=float, required=True, help="one-way delay")
    ap.add_argument("--jitter-ms", type=float, default=0.0, help="one-way jitter (uniform +-)")
    ap.add_argument("--state", help="the run's state dir (only so cleanup can recognise this process)")
    args = ap.parse_args()

    names = args.ports.split(",") + [args.controller_port]
    ctl = len(names) - 1
    socks = [open_port(n) for n in names]
    groups = [0] * len(names)
    macs = {}  # source MAC -> port index (learned)
    last = {}  # (in, out) -> last scheduled send time, keeps per-path FIFO
    queue = []  # (due, seq, out, bytes)
    seq = 0
    rng = random.Random(1)
    sel = selectors.DefaultSelector()
    for i, s in enumerate(socks):
        sel.register(s, selectors.EVENT_READ, i)
    os.set_blocking(sys.stdin.fileno(), False)
    sel.register(sys.stdin, selectors.EVENT_READ, -1)
    stdin_buf = ""
    delay = args.delay_ms / 1000.0
    jitter = args.jitter_ms / 1000.0
    print(f"wan-switch: {len(names) - 1} ports, one-way delay {args.delay_ms} ms +- {args.jitter_ms} ms", file=sys.stderr, flush=True)

    def reach(i, j):
        return i != j and (i == ctl or j == ctl or groups[i] == groups[j])

    while True:
        now = time.monotonic()
        timeout = max(0.0, queue[0][0] - now) if queue else 1.0
        for key, _ in sel.select(timeout):
            i = key.data
            if i == -1:
                chunk = sys.stdin.read()
                if chunk == "":
                    return  # the runner went away
                stdin_buf += chunk
                while "\n" in stdin_buf:
                    line, stdin_buf = stdin_buf.split("\n", 1)
                    parts = line.split()
                    if parts[:1] == ["groups"] and len(parts) == 2:
                        g = [int(x) for x in parts[1].split(",")]
                        groups[: len(g)] = g
                    elif parts == ["heal"]:
                        groups = [0] * len(names)
                continue
            s = socks[i]
            for _ in range(256):
                try:
                    data, addr = s.recvfrom(MAX_FRAME)
                except BlockingIOError:
                    break
                if addr[2] == PACKET_OUTGOING:
                    continue  # our own sends, seen again on the same socket
                frame = data[VNET_HDR_LEN:]
                if len(frame) < 14:
                    continue
                dst, src = frame[0:6], frame[6:12]
                macs[src] = i
                j = None if dst[0] & 1 else macs.get(dst)
                if j is None:  # broadcast, multicast (neighbour discovery) or not yet learned: flood
                    outs = [k for k in range(len(names)) if reach(i, k)]
                else:
                    outs = [j] if reach(i, j) else []
                t = time.monotonic()
                for j in outs:
                    if len(queue) >= MAX_QUEUED:
                        break
                    d = 0.0 if (i == ctl or j == ctl) else max(0.0, delay + rng.uniform(-jitter, jitter))
                    due = max(t + d, last.get((i, j), 0.0))
                    last[(i, j)] = due
                    seq += 1
                    heapq.heappush(queue, (due, seq, j, data))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            due, _, j, data = heapq.heappop(queue)
            if now - due > MAX_WAIT_S:
                continue
            try:
                socks[j].send(data)
            except OSError:
                pass  # a full or downed port drops the frame, as a real link would


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
