#!/usr/bin/env python3
"""Clients for tests/cli/serve_limits.sh (issue 14): many guesses over
keep-alive connections, and slow clients that hold connections open.

  limits.py guesses PORT PATH N HEADER-TEMPLATE   N requests on one
      connection (reopened when closed); HEADER-TEMPLATE has {i} for the
      request's number ({a} and {b} for its two bytes); prints the statuses, one word each
  limits.py status PORT PATH [HEADER]             one request's status
  limits.py crowd PORT PATH N ADDR... -- READY GO
      from each ADDR (a loopback source address) open N connections that
      send a request one byte at a time, one byte every 0.5 s; touch READY
      when open; while they trickle, ask PATH from 127.0.0.1 and print its
      status; then wait for GO (a file) and close
  limits.py trickle PORT PATH                      one connection sending
      its request a byte every 0.5 s; prints "cut after N bytes" when the
      server closes it before the request is whole, or "whole"
"""
import os
import socket
import sys
import time


def status_of(raw):
    try:
        return int(raw.split(b"\r\n", 1)[0].split()[1])
    except (IndexError, ValueError):
        return 0


def read_response(f):
    line = f.readline()
    if not line:
        return None
    status = status_of(line)
    length = 0
    while True:
        h = f.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        if k.strip().lower() == "content-length":
            length = int(v.strip())
    if status not in (304,) and length:
        f.read(length)
    return status


def guesses(port, path, n, template):
    out = []
    s = f = None
    for i in range(n):
        for attempt in range(3):
            if s is None:
                s = socket.create_connection(("127.0.0.1", port), timeout=20)
                f = s.makefile("rb")
            hdr = (template.replace("{i}", str(i))
                   .replace("{a}", str(i // 256)).replace("{b}", str(i % 256)))
            req = ("GET %s HTTP/1.1\r\nHost: x\r\n%s\r\n\r\n" %
                   (path, hdr)).encode("latin-1")
            try:
                s.sendall(req)
                st = read_response(f)
            except OSError:
                st = None
            if st is not None:
                out.append(str(st))
                break
            s.close()
            s = None
        else:
            out.append("0")
    if s is not None:
        s.close()
    print(" ".join(out))


def one(port, path, header=None, source=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(20)
    if source:
        s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    req = "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % path
    if header:
        req += header + "\r\n"
    s.sendall((req + "\r\n").encode("latin-1"))
    got = b""
    while True:
        c = s.recv(65536)
        if not c:
            break
        got += c
    s.close()
    return status_of(got)


def crowd(port, path, n, addrs, ready, go):
    socks = []
    for a in addrs:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(True)
            s.settimeout(5)
            s.bind((a, 0))
            try:
                s.connect(("127.0.0.1", port))
                s.sendall(b"G")
                socks.append(s)
            except OSError:
                s.close()
    open(ready, "w").close()
    # a byte every 0.5 s from each, while the real client asks
    st = one(port, path)
    print(st)
    sys.stdout.flush()
    t = 0
    while not os.path.exists(go) and t < 600:
        for s in socks:
            try:
                s.send(b"E")
            except OSError:
                pass
        time.sleep(0.5)
        t += 1
    for s in socks:
        s.close()


def trickle(port, path):
    req = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: %s\r\n\r\n" %
           (path, "a" * 40)).encode("latin-1")
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    for i in range(len(req)):
        try:
            s.send(req[i:i + 1])
        except OSError:
            print("cut after %d bytes" % i)
            return
        # the server closed it: a read sees the end at once
        s.setblocking(False)
        try:
            c = s.recv(1)
            if c == b"":
                print("cut after %d bytes" % (i + 1))
                return
        except BlockingIOError:
            pass
        except OSError:
            print("cut after %d bytes" % (i + 1))
            return
        s.setblocking(True)
        time.sleep(0.5)
    print("whole")


def main(a):
    if a[1] == "guesses":
        guesses(int(a[2]), a[3], int(a[4]), a[5])
    elif a[1] == "status":
        print(one(int(a[2]), a[3], a[4] if len(a) > 4 else None))
    elif a[1] == "crowd":
        k = a.index("--")
        crowd(int(a[2]), a[3], int(a[4]), a[5:k], a[k + 1], a[k + 2])
    elif a[1] == "trickle":
        trickle(int(a[2]), a[3])


if __name__ == "__main__":
    main(sys.argv)
