"""Load on the moderation endpoint: N concurrent clients against a `newssift serve` process, loopback only.

    .venv/bin/python bench/serve_load.py                        (50 clients, 30 s)
    .venv/bin/python bench/serve_load.py --clients 10 --seconds 5

Starts the server itself (a separate process, on 127.0.0.1 and a free port, with a throw-away report database),
waits for /healthz, then runs the clients (asyncio + httpx, one connection each, each sending its next request as
soon as the last is answered) for the given time. Requests are Perspective-style `comments:analyze` calls
(TOXICITY, IDENTITY_ATTACK, INSULT, THREAT) on comments drawn from DynaHate's dev split when ../shared is there,
else from a small built-in list. Every request has a 30 s timeout; an error is a non-200 answer or a failed or timed
out request. Prints and writes p50/p90/p99/max latency, throughput and the error count to
bench/results/serve_load.json. Clients and server share this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DYNAHATE = ROOT.parent / "shared" / "data" / "dynahate_v0.2.3_devtest" / "dev.csv"
RESULTS = ROOT / "bench" / "results" / "serve_load.json"
FALLBACK = [
    "Will the ferry take bicycles during the closure?",
    "You are a pathetic idiot and everyone knows it.",
    "They said the same in 2019 and the work ran three weeks over.",
    "I am Jewish and I found this article balanced.",
    "Muslims are not terrorists, and saying so is ignorant.",
    "Someone should burn their offices down tonight.",
    "The moon landing was staged in a studio, wake up.",
    "Buy cheap watches at my site, best prices!!!",
]


def comments(limit: int = 2000) -> list[str]:
    if not DYNAHATE.exists():
        return FALLBACK
    with DYNAHATE.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row["text"].strip()]
    random.Random(0).shuffle(texts)
    return texts[:limit]


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newssift", "serve", "--port", str(port), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("newssift serve did not start within 90 s")


async def client(url: str, texts: list[str], seed: int, stop: float, lat: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    attrs = {"TOXICITY": {}, "IDENTITY_ATTACK": {}, "INSULT": {}, "THREAT": {}}
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        while time.monotonic() < stop:
            body = {"comment": {"text": rng.choice(texts)}, "requestedAttributes": attrs, "languages": ["en"]}
            t0 = time.perf_counter()
            try:
                r = await http.post("/v1alpha1/comments:analyze", json=body)
                if r.status_code != 200:
                    errors.append(f"HTTP {r.status_code}")
                    continue
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            lat.append(time.perf_counter() - t0)


async def load(url: str, texts: list[str], clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    lat: list[float] = []
    errors: list[str] = []
    # warm-up: one request, so model loading is not measured
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        await http.post(
            "/v1alpha1/comments:analyze", json={"comment": {"text": "hello"}, "requestedAttributes": {"TOXICITY": {}}}
        )
    t0 = time.monotonic()
    stop = t0 + seconds
    await asyncio.gather(*(client(url, texts, i, stop, lat, errors) for i in range(clients)))
    return lat, errors, time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    texts = comments()
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp) / "reports.sqlite3")
        try:
            lat, errors, elapsed = asyncio.run(load(url, texts, args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    ms = np.array(lat) * 1000 if lat else np.array([float("nan")])
    result = {
        "endpoint": "POST /v1alpha1/comments:analyze",
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests_ok": len(lat),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "requests_per_s": round(len(lat) / elapsed, 1),
        "latency_ms": {
            "p50": round(float(np.percentile(ms, 50)), 1),
            "p90": round(float(np.percentile(ms, 90)), 1),
            "p99": round(float(np.percentile(ms, 99)), 1),
            "max": round(float(ms.max()), 1),
        },
        "comments": "DynaHate dev" if texts is not FALLBACK else "built-in list",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (clients and server share them)",
    }
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
