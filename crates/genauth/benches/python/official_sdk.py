"""The official Python SDK (PyPI `genauth`) calling change_qr_code_status
against the Rust benches' server: the reference row of ../../BENCHMARKS.md.

    official_sdk.py SERVER_BINARY     (run.sh builds the server and passes it)

One fresh process, one call at a time, as an application calls the SDK:
WARM_UP calls, then ROUNDS rounds of CALLS calls each. Prints the median and
interquartile range over rounds of calls/s and of microseconds per call.
The SDK sends each call with requests.request(), which opens a new
connection every time; for comparison, the same is then measured once more
with the SDK's calls going through one keep-alive requests.Session.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
import types
from importlib.metadata import version

import requests
from genauth import AuthenticationClient
from genauth.http import AuthenticationHttpClient as sdk_http

# The same values as support.rs.
APP_ID = "62d9f2e1a5e3b5c2f1d2e3f4"
ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.bench-token.signature"
QRCODE_ID = "6368a7b1b2a3c4d5e6f70812"
SUCCESS = {"statusCode": 200, "message": "success"}

WARM_UP = int(os.environ.get("WARM_UP", 100))
CALLS = int(os.environ.get("CALLS", 2000))
ROUNDS = int(os.environ.get("ROUNDS", 15))


def check_request(seen, answer):
    """The SDK sent the expected request and got the success envelope."""
    assert answer == SUCCESS, answer
    assert len(seen) == 1, seen
    request = seen[0]
    headers = dict(request["headers"])
    assert request["method"] == "POST", request
    assert request["uri"] == "/api/v3/change-qrcode-status", request
    assert json.loads(request["body"]) == {"action": "SCAN", "qrcodeId": QRCODE_ID}, request
    assert headers["content-type"] == "application/json", headers
    assert headers["x-genauth-app-id"] == APP_ID, headers
    assert headers["authorization"] == ACCESS_TOKEN, headers
    print("request checked:", request["method"], request["uri"], request["body"])
    print("  headers:", ", ".join(f"{k}: {v}" for k, v in request["headers"]))


def quartiles(values):
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q2, q1, q3


def main():
    with open("/proc/loadavg") as f:
        load = f.read().strip()
    print(f"python {platform.python_version()}, genauth {version('genauth')}, "
          f"requests {version('requests')}; loadavg {load}")
    server = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "GENAUTH_BENCH_SERVE": "1"})

    def send(line):
        server.stdin.write(line + "\n")
        server.stdin.flush()

    try:
        port = int(server.stdout.readline().split()[1])
        client = AuthenticationClient(app_id=APP_ID, app_host=f"http://localhost:{port}",
                                      access_token=ACCESS_TOKEN)

        def call():
            answer = client.change_qr_code_status("SCAN", QRCODE_ID)
            if answer["statusCode"] != 200:
                raise RuntimeError(answer)

        send("capture")
        answer = client.change_qr_code_status("SCAN", QRCODE_ID)
        send("end")
        check_request(json.loads(server.stdout.readline()), answer)

        as_shipped = measure(call)
        send("connections")
        connections = int(server.stdout.readline().split()[1])
        # For comparison only, not what the SDK does: the same calls with
        # the SDK's module-level requests.request() replaced by one
        # requests.Session's, which keeps its connection open.
        sdk_http.requests = types.SimpleNamespace(request=requests.Session().request)
        kept_alive = measure(call)
        send("connections")
        connections_kept_alive = int(server.stdout.readline().split()[1]) - connections
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    print(f"official Python SDK, change_qr_code_status, {ROUNDS} rounds of {CALLS} calls "
          f"after {WARM_UP} warm-up, one at a time:")
    report(*as_shipped)
    print(f"  TCP connections accepted by the server: {connections} "
          f"for {1 + WARM_UP + ROUNDS * CALLS} calls")
    print("the same, the SDK's HTTP calls through one requests.Session (keep-alive; not as shipped):")
    report(*kept_alive)
    print(f"  TCP connections accepted by the server: {connections_kept_alive} "
          f"for {WARM_UP + ROUNDS * CALLS} calls")


def measure(call):
    """WARM_UP calls, then ROUNDS rounds of CALLS calls: (calls/s, us/call) per round."""
    for _ in range(WARM_UP):
        call()
    rates, per_call_us = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS):
            call()
        elapsed = time.perf_counter() - start
        rates.append(CALLS / elapsed)
        per_call_us.append(elapsed / CALLS * 1e6)
    return rates, per_call_us


def report(rates, per_call_us):
    print("  calls/s:     median {:.0f} (IQR {:.0f}..{:.0f})".format(*quartiles(rates)))
    print("  us per call: median {:.1f} (IQR {:.1f}..{:.1f})".format(*quartiles(per_call_us)))


if __name__ == "__main__":
    main()
