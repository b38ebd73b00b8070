"""The three browser engines behind one small interface, for the engine smoke tests.

- Chromium through Playwright (tests/browser.py finds it, as for the e2e suite);
- Firefox ESR (Debian's `firefox-esr`) over WebDriver BiDi, through puppeteer-core in a Node
  process (firefox_bridge.mjs) that takes one JSON command per line;
- WebKitGTK (Debian's `webkit2gtk-driver`): Selenium talks WebDriver to `WebKitWebDriver`,
  which runs WebKitGTK's MiniBrowser in an Xvfb display of its own.

Each engine has its own empty profile and download folder. `scripts/ensure-engine-deps.sh`
installs what they need.
"""

from __future__ import annotations

import glob
import json
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_PREFIX = HERE / ".node"  # puppeteer-core, git-ignored (scripts/ensure-engine-deps.sh)
WIDTH, HEIGHT = 1280, 900  # a desktop window
COMMAND_TIMEOUT_S = 30


class EngineError(RuntimeError):
    """The engine could not be started, or a command failed."""


class Engine:
    """What a smoke test does with a browser. `evaluate` takes a JavaScript function's source,
    called with `arg`; it and `arg` must be JSON-serialisable."""

    name: str
    version: str
    downloads: Path

    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def evaluate(self, fn: str, arg=None): ...
    def click(self, selector: str) -> None: ...
    def type(self, selector: str, text: str) -> None: ...
    def upload(self, selector: str, path: Path) -> None: ...
    def screenshot(self, path: Path) -> None: ...
    def close(self) -> None: ...

    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions since the last call."""
        return []

    def download(self, selector: str, pattern: str, timeout: float = 20) -> Path:
        """Click `selector` and return the file it downloads (its name matches `pattern`),
        once it is complete JSON."""
        self.click(selector)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in self.downloads.glob(pattern):
                try:
                    json.loads(path.read_text(encoding="utf-8"))
                    return path
                except (OSError, ValueError):
                    pass  # still being written
            time.sleep(0.1)
        found = sorted(p.name for p in self.downloads.iterdir())
        raise AssertionError(f"{self.name}: no {pattern} downloaded; found {found}")

    def wait_for(
        self, fn: str, arg=None, timeout: float = 20, what: str = "", done=bool
    ) -> object:
        """Poll `fn(arg)` until `done` says yes to what it returns; return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(fn, arg)
            if done(value):
                return value
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name}: timed out after {timeout} s waiting for "
                    f"{what or fn}; last saw {value!r}"
                )
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise EngineError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise EngineError(f"{proc.args[0]} did not listen on port {port}")


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------- Chromium


class ChromiumEngine(Engine):
    """Chromium through Playwright, in a thread of its own: Playwright's sync API allows one
    instance per thread, and the e2e suite's may be running in the main one."""

    name = "chromium"

    def __init__(self, downloads: Path):
        self.downloads = downloads
        self._errors: list[str] = []
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        try:
            self.version = self._run(self._start)
        except Exception:
            self._thread.shutdown()
            raise

    def _run(self, fn, *args):
        return self._thread.submit(fn, *args).result(timeout=COMMAND_TIMEOUT_S * 2)

    def _start(self) -> str:
        from browser import chromium_launch_options  # tests/, on the path (conftest.py)
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                headless=True, **chromium_launch_options(self._pw.chromium.executable_path)
            )
            self._context = self._browser.new_context(
                accept_downloads=True, viewport={"width": WIDTH, "height": HEIGHT}
            )
            self._page = self._context.new_page()
        except Exception:
            self._pw.stop()
            raise
        self._page.on("pageerror", lambda error: self._errors.append(str(error)))
        self._page.on("console", lambda m: m.type == "error" and self._errors.append(m.text))
        return self._browser.version

    def goto(self, url):
        self._run(self._page.goto, url)

    def reload(self):
        self._run(self._page.reload)

    def evaluate(self, fn, arg=None):
        return self._run(self._page.evaluate, fn, arg)

    def click(self, selector):
        self._run(lambda: self._page.locator(selector).click())

    def download(self, selector, pattern, timeout=20):
        def click_and_save() -> Path:
            with self._page.expect_download(timeout=timeout * 1000) as info:
                self._page.locator(selector).click()
            path = self.downloads / info.value.suggested_filename
            info.value.save_as(path)
            return path

        path = self._run(click_and_save)
        assert path.match(pattern), f"{self.name}: downloaded {path.name}, not {pattern}"
        return path

    def type(self, selector, text):
        self._run(lambda: self._page.locator(selector).press_sequentially(text))

    def upload(self, selector, path):
        self._run(lambda: self._page.locator(selector).set_input_files(path))

    def screenshot(self, path):
        self._run(lambda: self._page.screenshot(path=path))

    def errors(self):
        def drain() -> list[str]:
            self._page.evaluate("0")  # Playwright delivers pending events during a call
            errors = list(self._errors)
            self._errors.clear()
            return errors

        return self._run(drain)

    def close(self):
        def stop():
            try:
                self._context.close()
                self._browser.close()
            finally:
                self._pw.stop()

        try:
            self._run(stop)
        finally:
            self._thread.shutdown()


# ---------------------------------------------------------------------------- Firefox ESR


def firefox_executable() -> str:
    found = os.environ.get("FIREFOX") or shutil.which("firefox-esr")
    if not found:
        raise EngineError("no firefox-esr: run `make test-engines` (apt-get install firefox-esr)")
    return found


class FirefoxEngine(Engine):
    """Firefox ESR over WebDriver BiDi, through firefox_bridge.mjs (puppeteer-core)."""

    name = "firefox"

    def __init__(self, downloads: Path):
        if not (NODE_PREFIX / "node_modules" / "puppeteer-core").is_dir():
            raise EngineError(
                f"puppeteer-core is not in {NODE_PREFIX}: run `bash scripts/ensure-engine-deps.sh`"
            )
        self.downloads = downloads
        config = {
            "prefix": str(NODE_PREFIX),
            "executable": firefox_executable(),
            "downloads": str(downloads),
            "width": WIDTH,
            "height": HEIGHT,
        }
        self._proc = subprocess.Popen(
            ["node", str(HERE / "firefox_bridge.mjs"), json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1"},
        )
        self._replies: queue.Queue = queue.Queue()
        self._stderr: list[str] = []
        threading.Thread(target=self._read_replies, daemon=True).start()
        threading.Thread(
            target=lambda: self._stderr.extend(self._proc.stderr), daemon=True
        ).start()
        try:
            self.version = self._reply("launch", timeout=60)["version"]
        except Exception:
            _stop(self._proc)
            raise

    def _read_replies(self) -> None:
        for line in self._proc.stdout:
            self._replies.put(line)
        self._replies.put(None)  # the bridge has exited

    def _reply(self, what: str, timeout: float = COMMAND_TIMEOUT_S):
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise EngineError(f"firefox: no answer to {what} in {timeout} s") from None
        if line is None:
            raise EngineError(
                f"firefox bridge exited during {what}: " + "".join(self._stderr[-20:])
            )
        message = json.loads(line)
        if not message["ok"]:
            raise EngineError(f"firefox: {what} failed: {message['error']}")
        return message.get("value")  # absent when the command returned undefined

    def _call(self, op: str, **args):
        self._proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self._proc.stdin.flush()
        return self._reply(op)

    def goto(self, url):
        self._call("goto", url=url)

    def reload(self):
        self._call("reload")

    def evaluate(self, fn, arg=None):
        return self._call("evaluate", fn=fn, arg=arg)

    def click(self, selector):
        self._call("click", selector=selector)

    def type(self, selector, text):
        self._call("type", selector=selector, text=text)

    def upload(self, selector, path):
        self._call("upload", selector=selector, path=str(path))

    def screenshot(self, path):
        self._call("screenshot", path=str(path))

    def errors(self):
        return self._call("errors")

    def close(self):
        try:
            if self._proc.poll() is None:
                self._call("close")
            self._proc.wait(timeout=10)
        except (EngineError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            _stop(self._proc)


# ---------------------------------------------------------------------------- WebKitGTK


def minibrowser() -> str:
    """WebKitGTK's MiniBrowser, which WebKitWebDriver runs (Debian: webkit2gtk-driver)."""
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    if not found or not shutil.which("WebKitWebDriver"):
        raise EngineError(
            "no WebKitWebDriver/MiniBrowser: run `make test-engines` "
            "(apt-get install webkit2gtk-driver xvfb)"
        )
    return found[-1]


class WebKitEngine(Engine):
    """WebKitGTK's MiniBrowser under its own Xvfb display, through WebKitWebDriver."""

    name = "webkit"

    def __init__(self, downloads: Path, home: Path):
        from selenium import webdriver
        from selenium.webdriver.common.options import ArgOptions
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.file_detector import UselessFileDetector
        from selenium.webdriver.remote.remote_connection import RemoteConnection

        binary = minibrowser()
        if not shutil.which("Xvfb"):
            raise EngineError("no Xvfb: run `make test-engines` (apt-get install xvfb)")
        self.downloads = downloads
        # MiniBrowser saves downloads in the XDG download folder, and keeps its data under HOME.
        (home / ".config").mkdir(parents=True, exist_ok=True)
        (home / ".config" / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n')
        self._xvfb = self._driver_proc = self._driver = None
        try:
            self._xvfb = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    f"{WIDTH + 320}x{HEIGHT + 300}x24",
                    "-nolisten",
                    "tcp",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            display = self._xvfb.stdout.readline().strip()
            if not display:
                raise EngineError("Xvfb did not start")
            env = {
                **os.environ,
                "DISPLAY": f":{display.decode()}",
                "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CACHE_HOME": str(home / "cache"),
                "WAYLAND_DISPLAY": "",
                "GDK_BACKEND": "x11",
                "LIBGL_ALWAYS_SOFTWARE": "1",
            }
            port = _free_port()
            self._driver_proc = subprocess.Popen(
                ["WebKitWebDriver", f"--port={port}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _wait_port(port, self._driver_proc)
            options = ArgOptions()
            options.set_capability("browserName", "MiniBrowser")
            options.set_capability(
                "webkitgtk:browserOptions", {"binary": binary, "args": ["--automation"]}
            )
            self._driver = webdriver.Remote(
                RemoteConnection(client_config=ClientConfig(f"http://127.0.0.1:{port}")),
                options=options,
                file_detector=UselessFileDetector(),
            )  # files to upload are on this machine
            self.version = self._driver.capabilities.get("browserVersion", "?")
            # MiniBrowser's window has a toolbar: size the window for a WIDTH × HEIGHT viewport.
            self._driver.set_window_rect(0, 0, WIDTH, HEIGHT)
            rect = self._driver.get_window_rect()
            inner = self._driver.execute_script("return [innerWidth, innerHeight]")
            self._driver.set_window_rect(
                0, 0, rect["width"] + WIDTH - inner[0], rect["height"] + HEIGHT - inner[1]
            )
        except Exception:
            self.close()
            raise

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.wait import WebDriverWait

        return WebDriverWait(self._driver, 10).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, selector))
        )

    # WebKitWebDriver reports no console messages: record the page's errors from its load on
    # (not "ResizeObserver loop completed with undelivered notifications", which is no script's
    # error, and which the other engines' drivers do not report either).
    _RECORD_ERRORS = """
        if (!window.smokeErrors) {
            const seen = window.smokeErrors = [];
            const log = console.error.bind(console);
            console.error = (...args) => { seen.push(args.join(' ')); log(...args); };
            addEventListener('error', (e) => {
                if (!String(e.message).startsWith('ResizeObserver loop')) seen.push(e.message);
            });
            addEventListener('unhandledrejection', (e) => seen.push(String(e.reason)));
        }"""

    def goto(self, url):
        self._driver.get(url)
        self._driver.execute_script(self._RECORD_ERRORS)

    def reload(self):
        self._driver.refresh()
        self._driver.execute_script(self._RECORD_ERRORS)

    def errors(self):
        return self._driver.execute_script("return (window.smokeErrors || []).splice(0);")

    def evaluate(self, fn, arg=None):
        return self._driver.execute_script(f"return ({fn})(arguments[0]);", arg)

    def click(self, selector):
        element = self._element(selector)
        self._driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def type(self, selector, text):
        from selenium.webdriver.common.keys import Keys

        # WebKitWebDriver drops a typed "\n"; a person presses Enter.
        self._element(selector).send_keys(text.replace("\n", Keys.ENTER))

    def upload(self, selector, path):
        self._element(selector).send_keys(str(path))

    def screenshot(self, path):
        # Right after a load or a scroll, the window may not have been painted yet.
        self._driver.execute_async_script(
            "requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]))"
        )
        self._driver.save_screenshot(str(path))

    def close(self):
        try:
            if self._driver is not None:
                self._driver.quit()
        except Exception:
            pass
        finally:
            _stop(self._driver_proc)
            _stop(self._xvfb)
