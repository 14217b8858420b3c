#!/usr/bin/env python3
"""Drives the staff console and the call display in headless Chromium over the DevTools protocol.

Usage: console_and_display.py BASE_URL USER PASSWORD OUTPUT_DIR
Opens the display, logs in on the console, calls the next ticket, and checks that the call is pushed to the
display (no reload), highlighted, and that its spoken announcement is served as WAV. Screenshots of both
pages go to OUTPUT_DIR. Exits non-zero with the reason on the first failed check.
"""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

import websocket  # Debian: python3-websocket

base, user, password, out = sys.argv[1:5]
# The display may be served by another instance on the same database: the call must reach it all the same.
display_base = sys.argv[5] if len(sys.argv) > 5 else base


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("SKIP: chromium not installed")
    sys.exit(77)
port = free_port()
profile = tempfile.mkdtemp(prefix="kiosk-chromium-")
chrome = subprocess.Popen(
    [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
     "--autoplay-policy=no-user-gesture-required", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
     "--window-size=1080,1920", "about:blank"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Tab:
    def __init__(self):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
        target = json.load(urllib.request.urlopen(request))
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=20)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    fail(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return result.get("result", {}).get("value")

    def open(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, expression, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.1)
        fail("timed out waiting for " + expression)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


try:
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version")
            break
        except OSError:
            if time.time() > deadline:
                fail("chromium did not start")
            time.sleep(0.2)

    display = Tab()
    display.open(display_base + "/display")
    if display.evaluate("document.documentElement.lang") != "de":
        fail("display page has no German lang attribute")
    calls_before = display.evaluate("document.querySelectorAll('#calls li').length")

    console = Tab()
    console.open(base + "/console")
    console.evaluate(f"document.getElementById('user').value = {json.dumps(user)};"
                     f"document.getElementById('password').value = {json.dumps(password)};"
                     "document.getElementById('login').submit(); true")
    console.wait_for("document.getElementById('action-next') !== null")
    console.evaluate("document.getElementById('action-next').click(); true")
    console.wait_for("document.getElementById('current') && document.getElementById('current').textContent.includes('A 001')")

    # The display got the call pushed, without a reload, highlighted, and started speaking it.
    display.wait_for("document.querySelector('#calls li.new') !== null && "
                     "document.querySelector('#calls li.new').textContent.includes('A 001')")
    if display.evaluate("document.querySelectorAll('#calls li').length") != calls_before + 1:
        fail("the display did not add exactly one call")
    if "Schalter 1" not in display.evaluate("document.querySelector('#calls li.new').textContent"):
        fail("the call does not name the counter")
    display.wait_for("document.body.dataset.lastSpoken !== undefined")
    speech = display.evaluate(
        "fetch('/v1/calls/' + document.body.dataset.lastSpoken + '/speech.wav')"
        ".then(r => r.arrayBuffer().then(b => r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength))")
    status, kind, size = speech.split(" ")
    if status != "200" or kind != "audio/wav" or int(size) < 8000:
        fail("speech not served as WAV: " + speech)

    # English console.
    console.open(base + "/console?lang=en")
    if "Call next" not in console.evaluate("document.body.innerText"):
        fail("English console lacks 'Call next'")

    os.makedirs(out, exist_ok=True)
    console.screenshot(os.path.join(out, "console.png"))
    display.screenshot(os.path.join(out, "display.png"))
    print("OK: call pushed to the display and spoken (" + size + " bytes of speech)")
finally:
    chrome.terminate()
    try:
        chrome.wait(timeout=10)
    except subprocess.TimeoutExpired:
        chrome.kill()
    shutil.rmtree(profile, ignore_errors=True)
