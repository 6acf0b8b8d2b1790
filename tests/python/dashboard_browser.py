"""The dashboard in a real browser (headless Debian chromium through Selenium) against a running
`turnout serve` under `turnout load`.

Run by scripts/test_dashboard_browser, which installs what it needs and passes the binary. Each
scenario starts its own gateway on free ports with a fresh SQLite store:

- quickstart (split 50/50, admin token set): an action without the token and a cross-site
  action are refused; with the token, the model list shows both versions with requests, the model
  page draws its charts with data points, and promoting from the page changes the weights
  `turnout status` reports.
- abtest and canary (no token, loopback): the A/B panel, and the canary timeline with a step
  promoted from the page; their screenshots are the README's.
- shadow and bandit: their panels, and the charts of values the API has only as "now".
After each, the page must have logged no error.

Screenshots go to --screenshots (a CI artifact) and, with --docs, to docs/images/ as well.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

MODEL = "breast-cancer"
TOKEN = "dashboard-browser-test-token"


def eventually(what, check, timeout=60, interval=0.5):
    """Polls `check` until it returns a true value; fails with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except Exception as error:  # the page is being re-rendered: try again
            last_error = error
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}" + (f" (last error: {last_error})" if last_error else ""))


class Gateway:
    """`turnout serve` on free ports, with `turnout load` against it."""

    def __init__(self, binary, config, work, token=None):
        self.binary, self.work, self.token = binary, work, token
        self.env = dict(os.environ)
        self.env.pop("TURNOUT_ADMIN_TOKEN", None)
        if token:
            self.env["TURNOUT_ADMIN_TOKEN"] = token
        name = os.path.splitext(os.path.basename(config))[0]
        self.log_path = os.path.join(work, f"{name}-serve.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--config", config, "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0",
             "--store", f"sqlite:{work}/{name}.db"],
            stdout=subprocess.DEVNULL, stderr=self.log, env=self.env)
        self.loads = []

        def listening():
            text = open(self.log_path).read()
            if self.process.poll() is not None:
                raise SystemExit(f"turnout serve exited:\n{text}")
            return re.search(r"data plane http://127\.0\.0\.1:(\d+), admin http://127\.0\.0\.1:(\d+)", text)

        match = eventually("turnout serve to listen", listening, timeout=60, interval=0.1)
        self.data_url = f"http://127.0.0.1:{match.group(1)}"
        self.admin_url = f"http://127.0.0.1:{match.group(2)}"

    def load(self, *arguments):
        self.loads.append(subprocess.Popen(
            [self.binary, "load", "--url", self.data_url, "--model", MODEL, *arguments],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env))

    def status(self):
        output = subprocess.run(
            [self.binary, "status", MODEL, "--json", "--server", self.admin_url],
            check=True, capture_output=True, text=True, env=self.env).stdout
        return json.loads(output)

    def stop(self):
        for process in self.loads + [self.process]:
            if process.poll() is None:
                process.terminate()
        for process in self.loads + [self.process]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800",
                     "--disable-gpu", "--no-first-run"]:
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(30)
    return driver


class Shots:
    def __init__(self, folder, docs):
        self.folder, self.docs = folder, docs
        os.makedirs(folder, exist_ok=True)

    def take(self, driver, name, for_docs=False):
        path = os.path.join(self.folder, f"{name}.png")
        driver.save_screenshot(path)
        if for_docs and self.docs:
            os.makedirs(self.docs, exist_ok=True)
            shutil.copyfile(path, os.path.join(self.docs, f"{name}.png"))
        print(f"  screenshot {path}")


def fetch_in_page(driver, url, method="POST", headers=None, body="{}"):
    """Runs fetch() in the page and returns the response's status (0 for an opaque answer)."""
    return driver.execute_async_script(
        """
        const [url, method, headers, body, done] = arguments;
        fetch(url, {method, headers, body, mode: headers === null ? "no-cors" : "cors"})
          .then((r) => done(r.status)).catch((e) => done("error: " + e));
        """, url, method, headers, body)


def chart_points(driver, chart):
    """Data points per series of one chart on the model page."""
    groups = driver.find_elements(By.CSS_SELECTOR, f'svg.chart[data-chart="{chart}"] g.series')
    return {g.get_attribute("data-series"): len(g.find_elements(By.CSS_SELECTOR, "circle.point")) for g in groups}


def quickstart(binary, root, work, driver, shots):
    print("quickstart: split 50/50 with an admin token")
    gateway = Gateway(binary, f"{root}/examples/quickstart.yaml", work, token=TOKEN)
    try:
        gateway.load("--duration", "120s", "--rate", "80", "--users", "500")
        before = gateway.status()
        promote = f"{gateway.admin_url}/api/v1/models/{MODEL}/promote"

        # A page on another origin (here a data: URL, origin "null") posts as a form would.
        driver.get("data:text/html,<title>elsewhere</title>")
        fetch_in_page(driver, promote, headers=None, body='{"reason":"csrf"}')
        # The dashboard without the token: the page asks for it, and an action sent without it is refused.
        driver.get(f"{gateway.admin_url}/ui")
        eventually("the token dialog", lambda: driver.find_element(By.ID, "login").get_attribute("open") is not None)
        refused = fetch_in_page(driver, promote, headers={"Content-Type": "application/json"}, body='{"reason":"no token"}')
        assert refused == 401, f"an action without the token answered {refused}"
        after_refusals = gateway.status()
        assert after_refusals["release"]["phase"] == before["release"]["phase"] == "progressing", after_refusals
        assert after_refusals["weights"] == before["weights"], (before["weights"], after_refusals["weights"])
        print("  refused: cross-site action and action without the token; weights unchanged", after_refusals["weights"])

        driver.find_element(By.ID, "login-token").send_keys(TOKEN)
        driver.find_element(By.ID, "login-save").click()

        def both_versions_served():
            counts = {}
            for version in ["v1", "v2"]:
                cell = driver.find_element(By.CSS_SELECTOR, f'#models tr[data-model="{MODEL}"][data-version="{version}"] td.requests')
                counts[version] = int(cell.text)
            return counts if all(count > 0 for count in counts.values()) else None

        counts = eventually("both versions with requests in the model list", both_versions_served)
        print("  model list requests", counts)
        shots.take(driver, "dashboard-models")

        driver.get(f"{gateway.admin_url}/ui/models/{MODEL}")

        def charts_drawn():
            drawn = {chart: chart_points(driver, chart) for chart in ["share", "requests", "latency"]}
            ok = all(set(points) == {"v1", "v2"} and all(n > 0 for n in points.values()) for points in drawn.values())
            return drawn if ok else None

        drawn = eventually("the model page's charts to hold data points for both versions", charts_drawn)
        print("  charts", drawn)
        shots.take(driver, "dashboard-split")

        button = eventually("an enabled promote button",
                            lambda: (lambda b: b if b.is_enabled() else None)(driver.find_element(By.CSS_SELECTOR, 'button[data-action="promote"]')))
        button.click()
        eventually("the confirmation dialog", lambda: driver.find_element(By.ID, "confirm").get_attribute("open") is not None)
        driver.find_element(By.ID, "confirm-reason").send_keys("promoted from the browser test")
        driver.find_element(By.ID, "confirm-ok").click()

        def promoted():
            status = gateway.status()
            return status if status["weights"] != before["weights"] else None

        after = eventually("turnout status to show new weights", promoted, timeout=30)
        print("  promoted from the page: weights", before["weights"], "->", after["weights"], "phase", after["release"]["phase"])
        events = eventually("the promotion in the page's event log",
                            lambda: "promoted from the browser test" in driver.find_element(By.ID, "event-log").text)
        assert events
    finally:
        gateway.stop()


def abtest(binary, root, work, driver, shots):
    print("abtest: the A/B panel")
    config = os.path.join(work, "abtest.yaml")
    text = open(f"{root}/examples/abtest.yaml").read()
    # Keep the test running for the picture: more samples before it may conclude.
    text = text.replace("min_samples: 300", "min_samples: 100000").replace("models/", f"{root}/examples/models/")
    open(config, "w").write(text)
    gateway = Gateway(binary, config, work)
    try:
        gateway.load("--duration", "240s", "--rate", "100", "--users", "2000", "--feedback")
        driver.get(f"{gateway.admin_url}/ui/models/{MODEL}")
        eventually("the A/B variant row with an interval",
                   lambda: "[" in driver.find_element(By.CSS_SELECTOR, '#variants tr[data-variant="v2"]').text, timeout=90)
        # Past the first stored minute the charts switch to 5-second intervals: wait for a few.
        eventually("several points per version", lambda: min(chart_points(driver, "requests").values() or [0]) >= 6, timeout=150)
        shots.take(driver, "dashboard-abtest", for_docs=True)
    finally:
        gateway.stop()


def canary(binary, root, work, driver, shots):
    print("canary: the step timeline")
    config = os.path.join(work, "canary.yaml")
    text = open(f"{root}/examples/canary.yaml").read().replace("models/", f"{root}/examples/models/")
    # Long holds, so the picture shows a canary in the middle of its steps.
    text = text.replace("pause: 10s", "pause: 5m")
    open(config, "w").write(text)
    gateway = Gateway(binary, config, work)
    try:
        gateway.load("--duration", "240s", "--rate", "100", "--users", "2000")
        driver.get(f"{gateway.admin_url}/ui/models/{MODEL}")
        eventually("the canary's analysis checks", lambda: driver.find_elements(By.CSS_SELECTOR, "#checks tr[data-check]"), timeout=90)
        eventually("several points per version", lambda: min(chart_points(driver, "requests").values() or [0]) >= 4, timeout=150)
        eventually("the timeline's current step", lambda: driver.find_elements(By.CSS_SELECTOR, "#timeline li.step.current"))
        button = driver.find_element(By.CSS_SELECTOR, 'button[data-action="promote"]')
        button.click()
        driver.find_element(By.ID, "confirm-reason").send_keys("looks healthy: next step")
        driver.find_element(By.ID, "confirm-ok").click()
        eventually("the second step", lambda: driver.find_elements(By.CSS_SELECTOR, '#timeline li.step.current[data-step="1"]'))
        eventually("a look at the new step", lambda: driver.find_elements(By.CSS_SELECTOR, "#checks tr[data-check]"), timeout=60)
        # The first step's last look stays listed beside the second's.
        eventually("each step's last analysis", lambda: {row.get_attribute("data-analysis-step") for row in
                   driver.find_elements(By.CSS_SELECTOR, "#step-analyses tr[data-analysis-step]")} >= {"0", "1"}, timeout=90)
        eventually("the new step's traffic in the charts", lambda: min(chart_points(driver, "requests").values() or [0]) >= 7, timeout=90)
        shots.take(driver, "dashboard-canary", for_docs=True)
    finally:
        gateway.stop()


def panels(binary, root, work, driver, shots):
    print("shadow and bandit: their panels and the charts of what the page has seen")
    models = f"{root}/examples/models"
    releases = {
        "shadow": "{ strategy: shadow, primary: v1, shadows: [v2], sample: 100, compare: { min_pairs: 200 } }",
        "bandit": "{ strategy: bandit, arms: [v1, v2], update_every: 1s }",
    }
    for name, release in releases.items():
        config = os.path.join(work, f"{name}.yaml")
        with open(config, "w") as file:
            file.write(f"""models:
  {MODEL}:
    protocol: v2
    unit: {{ header: x-user-id }}
    log: {{ sample: 1, max_bytes: 4096 }}
    versions:
      v1: {{ builtin: {models}/breast-cancer-v1.json }}
      v2: {{ builtin: {models}/breast-cancer-v2.json }}
    release: {release}
""")
        gateway = Gateway(binary, config, work)
        try:
            gateway.load("--duration", "60s", "--rate", "100", "--users", "2000", "--feedback")
            driver.get(f"{gateway.admin_url}/ui/models/{MODEL}")
            rows = eventually(f"the {name} panel's rows", lambda: driver.find_elements(By.CSS_SELECTOR, f"#{name} table tbody tr"), timeout=60)
            assert {row.get_attribute(f"data-{'shadow' if name == 'shadow' else 'arm'}") for row in rows} >= {"v2"}, [r.text for r in rows]
            chart = "shadow-agreement" if name == "shadow" else "bandit-best"
            eventually(f"the {name} chart over several refreshes", lambda: sum(chart_points(driver, chart).values()) >= 3, timeout=60)
            if name == "shadow":
                # Three stumps and a hundred trees disagree on some rows: the sampled pairs show them.
                def disagreeing_pairs():
                    blocks = driver.find_elements(By.CSS_SELECTOR, "#shadow [data-samples]")
                    rows = driver.find_elements(By.CSS_SELECTOR, "#shadow [data-samples] tbody tr[data-request]")
                    return blocks and int(blocks[0].get_attribute("data-samples")) > 0 and len(rows) > 0 and rows
                rows = eventually("sampled disagreeing pairs in the shadow panel", disagreeing_pairs, timeout=60)
                assert "label" in rows[0].text, rows[0].text
            shots.take(driver, f"dashboard-{name}")
        finally:
            gateway.stop()


def page_errors(driver):
    """Script errors the page logged. Refused requests (the 401s the quickstart provokes) are
    logged as network entries and checked by the scenarios themselves."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE" and entry.get("source") != "network"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--docs", help="also copy the README's screenshots here")
    arguments = parser.parse_args()
    root = os.getcwd()
    work = tempfile.mkdtemp(prefix="turnout-dashboard-")
    shots = Shots(arguments.screenshots, arguments.docs)
    driver = browser()
    try:
        for scenario in [quickstart, abtest, canary, panels]:
            try:
                scenario(arguments.binary, root, work, driver, shots)
                errors = page_errors(driver)
                assert not errors, f"the page logged errors: {errors}"
            except Exception:
                shots.take(driver, f"failed-{scenario.__name__}")
                for log in sorted(os.listdir(work)):
                    if log.endswith(".log"):
                        print(f"--- {log}\n" + open(os.path.join(work, log)).read()[-3000:], file=sys.stderr)
                raise
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    print("dashboard browser tests passed")


if __name__ == "__main__":
    main()
