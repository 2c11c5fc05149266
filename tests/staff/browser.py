#!/usr/bin/python3
"""The staff area in headless Chromium, driven over the DevTools protocol
(a small client on the standard library: no other package).

Usage: browser.py CHROMIUM PROFILE BASE_URL DAY SCREENSHOT.png
Prints PASS:/FAIL: lines (tests/cli/lib.sh py_checks) and, last,
"RECORDED <uid>" for the shell to check in iss report.

The pages have no JavaScript; this script only drives the browser as a
person would (fills fields, taps buttons) and reads the DOM. What it
checks: the sign-in page at 360 px, a wrong password, the right one, Today
with no horizontal scrolling, a screenshot, an outcome recorded with one
tap, a form sent without its CSRF token refused, another staff member's
session refused, signing out, and the old cookie refused after it.
"""
import base64
import json
import os
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.request

chromium, profile, base, day, shot = sys.argv[1:6]
failures = 0


def check(ok, what):
    global failures
    print(("PASS: " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures += 1


class WebSocket:
    def __init__(self, url):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.s = socket.create_connection((host, port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n"
                        % (path, host, port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.s.recv(1)
            if not chunk:
                raise OSError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise OSError("websocket handshake: %r" % head[:200])
        self.buf = b""

    def send(self, text):
        data = text.encode()
        n = len(data)
        if n < 126:
            hdr = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            hdr = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            hdr = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        mask = os.urandom(4)
        self.s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(65536)
            if not chunk:
                raise OSError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            payload = self._read(n)
            op = b0 & 0x0F
            if op in (1, 0):
                message += payload
                if b0 & 0x80:
                    return message.decode()
            elif op == 8:
                raise OSError("websocket closed by the browser")


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.n = 0

    def call(self, method, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            m = json.loads(self.ws.recv())
            if m.get("id") == self.n:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")

    def wait_new_document(self, what):
        """Wait (polling, at most 30 s) until the document marked before an
        action is replaced by a loaded new one."""
        for _ in range(300):
            try:
                if self.js("typeof window.__old === 'undefined' && "
                           "document.readyState === 'complete'"):
                    return True
            except (RuntimeError, OSError):
                pass
            time.sleep(0.1)
        check(False, "%s: a new page within 30 s" % what)
        return False

    def go(self, url):
        self.js("window.__old = 1")
        self.call("Page.navigate", url=url)
        return self.wait_new_document(url)

    def tap(self, selector, what):
        """Tap a button as a finger would: the page is a form, no script."""
        self.js("window.__old = 1")
        ok = self.js("(function(){var b=document.querySelector(%s);"
                     "if(!b)return false;b.click();return true;})()"
                     % json.dumps(selector))
        if not ok:
            check(False, "%s: there is a %s to tap" % (what, selector))
            return False
        return self.wait_new_document(what)

    def text(self):
        return self.js("document.body ? document.body.innerText : ''") or ""

    def path(self):
        return self.js("location.pathname")


env = dict(os.environ, HOME=os.path.join(profile, "home"))
os.makedirs(env["HOME"], exist_ok=True)
proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
     "--no-first-run", "--disable-background-networking",
     "--disable-component-update", "--disable-sync",
     "--remote-debugging-port=0", "--user-data-dir=" + os.path.join(profile, "p"),
     "about:blank"],
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
try:
    port = None
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline().decode(errors="replace")
        if not line and proc.poll() is not None:
            break
        m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    check(port is not None, "Chromium starts with the DevTools protocol")
    if port is None:
        sys.exit(1)
    targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
    page_ws = [t for t in targets if t.get("type") == "page"][0]["webSocketDebuggerUrl"]
    p = Page(WebSocket(page_ws))
    p.call("Page.enable")
    p.call("Network.enable")
    # A phone: 360 CSS pixels wide.
    p.call("Emulation.setDeviceMetricsOverride", width=360, height=780,
           deviceScaleFactor=2, mobile=True)

    p.go(base + "/staff/today")
    check(p.path() == "/staff/signin", "not signed in, Today leads to the sign-in page")
    check(p.js("document.scripts.length") == 0, "the page has no script")

    p.js("document.querySelector('[name=staff]').value='S5';"
         "document.querySelector('[name=password]').value='not-the-password'")
    p.tap("form button", "a wrong password")
    check("Wrong staff id or password" in p.text(), "a wrong password is refused, said plainly")

    p.js("document.querySelector('[name=staff]').value='S5';"
         "document.querySelector('[name=password]').value='femi-password-1'")
    p.tap("form button", "the right password")
    check(p.path() == "/staff/today", "the right password opens Today")

    p.go(base + "/staff/today?date=" + day)
    cards = p.js("document.querySelectorAll('div.s').length")
    check(cards and cards > 0, "Today of %s lists Femi's sessions (%s)" % (day, cards))
    width = p.js("document.documentElement.scrollWidth")
    check(width is not None and width <= 360,
          "nothing wider than the 360 px screen (scrollWidth %s)" % width)
    small = p.js("Array.from(document.querySelectorAll('.btns button'))"
                 ".filter(b => b.getBoundingClientRect().height < 40).length")
    check(small == 0, "every outcome button is at least 40 px high (a finger's tap)")
    img = p.call("Page.captureScreenshot", format="png")
    with open(shot, "wb") as f:
        f.write(base64.b64decode(img["data"]))
    check(os.path.getsize(shot) > 1000, "a screenshot of Today at 360 px: " + shot)

    cookies = p.call("Network.getCookies", urls=[base + "/staff/today"])["cookies"]
    session = [c for c in cookies if c["name"] == "iss_staff"]
    check(len(session) == 1 and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict",
          "the browser holds the session cookie as HttpOnly, SameSite=Strict")

    # One tap: the first session, Attended.
    uid = p.js("document.querySelector('div.s [name=uid]').value")
    p.tap("div.s button[value=attended]", "Attended")
    check(p.path() == "/staff/today", "after recording, back to the day")
    first = p.js("document.querySelector('div.s .o').innerText")
    check(first is not None and "attended" in first,
          "the session shows its outcome: %r" % first)

    # The second session's form without its CSRF token.
    p.js("var f=document.querySelectorAll('div.s form')[1];"
         "f.querySelector('[name=csrf]').remove()")
    p.js("window.__old = 1")
    p.js("document.querySelectorAll('div.s form')[1]"
         ".querySelector('button[value=attended]').click()")
    p.wait_new_document("a form without its token")
    check("no valid CSRF token" in p.text(), "a form sent without its CSRF token is refused")

    # Another staff member's session, by changing the form's session.
    other = sys.argv[6] if len(sys.argv) > 6 else ""
    p.go(base + "/staff/today?date=" + day)
    p.js("document.querySelector('div.s [name=uid]').value=%s" % json.dumps(other))
    p.tap("div.s button[value=attended]", "another's session")
    check("another staff member" in p.text(), "another staff member's session is refused")

    # Sign out; the old cookie is refused afterwards.
    p.go(base + "/staff/today")
    p.tap("header form button", "Sign out")
    check(p.path() == "/staff/signin", "signing out leads to the sign-in page")
    p.go(base + "/staff/today")
    check(p.path() == "/staff/signin", "after signing out, Today needs a new sign-in")
    if session:
        c = session[0]
        p.call("Network.setCookie", name="iss_staff", value=c["value"], url=base + "/staff/",
               path="/staff", httpOnly=True, sameSite="Strict")
        p.go(base + "/staff/today")
        check(p.path() == "/staff/signin", "the old cookie put back is refused")
    print("RECORDED %s" % uid)
finally:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
sys.exit(1 if failures else 0)
