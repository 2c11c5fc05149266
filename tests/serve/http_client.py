#!/usr/bin/python3
"""A small HTTP/1.1 client for tests/cli/serve.sh.

Raw sockets, so that the exact bytes sent (paths such as /feeds/../iss.db,
any method) and received (status line, headers, body) are what is checked.

  req PORT METHOD PATH OUT [Header: value]...
      one request (Connection: close); writes OUT.status (the code),
      OUT.head (status line and headers without Date, one a line) and
      OUT.body (the body's bytes)
  statuses PORT METHOD PATH N [Header: value]...
      N requests in turn; prints their status codes on one line
  hammer PORT PATH STOP DIR [Header: value]...
      GET PATH over and over until the file STOP exists, then 20 more; each
      distinct 200 body is saved as DIR/<sha256>; prints
      "total N complete N none N short N bad N": complete is status 200,
      the Content-Length's bytes, and BEGIN:VCALENDAR ... END:VCALENDAR
      CRLF; none is no answer (refused, closed); short is fewer bytes than
      Content-Length (the client can tell); bad is anything else
  midflight PORT PATH READY GO FILE
      sends the request line and headers but not the blank line that ends
      them, creates READY, waits (at most 20 s) for the file GO, sends the
      blank line and reads: prints "closed" (no answer), "complete" (200
      and the bytes of FILE) or "BAD ..." (anything else)
  listening PID
      the addresses PID listens on (TCP, from /proc), one a line
"""
import hashlib
import os
import socket
import sys
import time


def request(port, method, path, headers=(), body=b""):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: 127.0.0.1:%d" % port,
             "Connection: close"]
    lines += list(headers)
    if body:
        lines.append("Content-Length: %d" % len(body))
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    try:
        s.sendall(data)
        got = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    finally:
        s.close()
    return got


def split(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1]) if lines[0] else 0
    except (IndexError, ValueError):
        status = -1
    hdrs = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        hdrs[name.strip().lower()] = value.strip()
    return status, lines, hdrs, body


def body_for(method):
    return b"x=1" if method in ("POST", "PUT", "PATCH") else b""


def cmd_req(port, method, path, out, headers):
    raw = request(port, method, path, headers, body_for(method))
    status, lines, _, body = split(raw)
    with open(out + ".status", "w") as f:
        f.write("%d\n" % status)
    with open(out + ".head", "w") as f:
        for line in lines:
            if not line.lower().startswith("date:"):
                f.write(line + "\n")
    with open(out + ".body", "wb") as f:
        f.write(body)


def cmd_statuses(port, method, path, n, headers):
    codes = []
    for _ in range(n):
        raw = request(port, method, path, headers, body_for(method))
        codes.append(str(split(raw)[0]))
    print(" ".join(codes))


def complete(status, hdrs, body):
    return (status == 200 and
            hdrs.get("content-length") == str(len(body)) and
            body.startswith(b"BEGIN:VCALENDAR\r\n") and
            body.endswith(b"END:VCALENDAR\r\n") and
            body.count(b"BEGIN:VCALENDAR") == 1)


def cmd_hammer(port, path, stop, outdir, headers):
    total = good = none = short = bad = 0
    after = None
    while after is None or after < 20:
        if after is None and os.path.exists(stop):
            after = 0
        try:
            raw = request(port, "GET", path, headers)
            status, _, hdrs, body = split(raw)
        except OSError:
            status, hdrs, body = 0, {}, b""
        total += 1
        if complete(status, hdrs, body):
            good += 1
            name = os.path.join(outdir, hashlib.sha256(body).hexdigest())
            if not os.path.exists(name):
                with open(name, "wb") as f:
                    f.write(body)
        elif status == 0 and not body:
            none += 1
        elif (status == 200 and
              len(body) < int(hdrs.get("content-length", "-1"))):
            short += 1
        else:
            bad += 1
        if after is not None:
            after += 1
    print("total %d complete %d none %d short %d bad %d"
          % (total, good, none, short, bad))


def cmd_midflight(port, path, ready, go, expect):
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
               "Connection: close\r\n" % (path, port)).encode())
    open(ready, "w").close()
    deadline = time.time() + 20
    while not os.path.exists(go) and time.time() < deadline:
        time.sleep(0.02)
    got = b""
    try:
        s.sendall(b"\r\n")
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except OSError:
        pass
    s.close()
    if not got:
        print("closed")
        return
    status, _, hdrs, body = split(got)
    with open(expect, "rb") as f:
        want = f.read()
    if complete(status, hdrs, body) and body == want:
        print("complete")
    else:
        print("BAD status %d, %d bytes" % (status, len(body)))


def cmd_listening(pid):
    inodes = set()
    fd_dir = "/proc/%s/fd" % pid
    for fd in os.listdir(fd_dir):
        try:
            link = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            f = row.split()
            if f[3] != "0A" or f[9] not in inodes:  # 0A: LISTEN
                continue
            hexaddr, hexport = f[1].split(":")
            raw = bytes.fromhex(hexaddr)
            if v6:
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                addr = "[%s]" % socket.inet_ntop(socket.AF_INET6, raw)
            else:
                addr = socket.inet_ntop(socket.AF_INET, raw[::-1])
            print("%s:%d" % (addr, int(hexport, 16)))


def main(argv):
    cmd = argv[1]
    if cmd == "req":
        cmd_req(int(argv[2]), argv[3], argv[4], argv[5], argv[6:])
    elif cmd == "statuses":
        cmd_statuses(int(argv[2]), argv[3], argv[4], int(argv[5]), argv[6:])
    elif cmd == "hammer":
        cmd_hammer(int(argv[2]), argv[3], argv[4], argv[5], argv[6:])
    elif cmd == "midflight":
        cmd_midflight(int(argv[2]), argv[3], argv[4], argv[5], argv[6])
    elif cmd == "listening":
        cmd_listening(argv[2])
    else:
        sys.exit("unknown command: %s" % cmd)


if __name__ == "__main__":
    main(sys.argv)
