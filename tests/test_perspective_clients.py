"""Three real Perspective clients, installed from PyPI and npm into a temporary folder (never newssift's
dependencies), run against a running ``newssift serve --api-key-file`` with only their base URL changed:

- ``perspective`` 1.0.3 (PyPI): ``p.api_client.url`` set to this server's ``/v1alpha1/{endpoint}``;
- ``perspective.py`` 0.3.4 (PyPI, googleapiclient): its hard-coded ``https://commentanalyzer.googleapis.com`` set to
  this server (it names that host in its discovery URL and in the error text it parses);
- ``perspective-api-client`` 3.1.0 (npm): its ``COMMENT_ANALYZER_URL`` set to this server.

Each README call passes, or fails as it would against Perspective (a README typo, a client-side check), or, where
newssift cannot do what Perspective does (German, attributes it cannot score), fails with Perspective's own error
for an unsupported language; docs/perspective.md lists these. A client that cannot be installed (no network) skips
its test, saying so in one line, and fails it under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

KEY = "client-test-key"
GOOGLE = "https://commentanalyzer.googleapis.com"
PERSPECTIVE = "perspective==1.0.3"
PERSPECTIVE_PY = "perspective.py==0.3.4"
# its dependencies, with the matplotlib of its day: its show_graph calls plt.grid(b=...), which matplotlib 3.7 removed
PERSPECTIVE_PY_DEPS = ("google-api-python-client", "pycountry", "httplib2", "matplotlib<3.7", "numpy<2")
NPM_CLIENT = "perspective-api-client@3.1.0"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _install(what: str, *commands: list[str]) -> None:
    """Run the install *commands*; if one fails, skip the test (fail it under CI) with one line saying why."""
    for cmd in commands:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
        else:
            if done.returncode == 0:
                continue
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        line = f"{what} could not be installed (needs PyPI/npm): {reason[:200]}"
        if _in_ci():
            pytest.fail(line, pytrace=False)
        pytest.skip(line)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``newssift serve`` in its own process, with one API key."""
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "keys").write_text(f"# keys for the client tests\n{KEY}\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "newssift", "serve", "--port", str(port), "--db", str(tmp / "db.sqlite")]
    cmd += ["--api-key-file", str(tmp / "keys")]
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"newssift serve did not start: {(tmp / 'serve.log').read_text()[-2000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def _run_python(target: Path, script: str, **env: str) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(target), "MPLBACKEND": "Agg", **env}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=600, env=environment
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


RECORDER = """
import json, sys, traceback, urllib.error
results = {}
def call(name, fn):
    try:
        results[name] = {"ok": True, "value": fn()}
    except urllib.error.HTTPError as exc:
        results[name] = {"ok": False, "error": "HTTPError", "status": exc.code, "body": json.loads(exc.read())}
    except Exception as exc:
        results[name] = {"ok": False, "error": type(exc).__name__, "message": str(exc)}
"""


# ---- perspective 1.0.3 ------------------------------------------------------------------------------------------

PERSPECTIVE_SCRIPT = (
    RECORDER
    + """
import os
from perspective import PerspectiveAPI
p = PerspectiveAPI(os.environ["KEY"])
p.api_client.url = os.environ["BASE"] + "/v1alpha1/{endpoint}"  # the one line that changes
insult = "Thanks for writing. You are a stupid idiot."
# README: result = p.score("This is a comment"); print("Toxicity score: " + result["TOXICITY"])
call("readme_score", lambda: p.score("This is a comment"))
call("readme_print", lambda: "Toxicity score: " + p.score("This is a comment")["TOXICITY"])
call("score_tests", lambda: p.score(insult, tests=["TOXICITY", "INSULT", "THREAT"]))
call("analyze_every_argument", lambda: p.analyze_comment(
    insult, comment_type="PLAIN_TEXT", context=[{"text": "What do you think?", "type": "PLAIN_TEXT"}],
    requested_attributes={"TOXICITY": {"scoreType": "PROBABILITY", "scoreThreshold": 0.0}, "INSULT": {}},
    span_annotations=True, languages=["en"], do_not_store=True, client_token="tok", session_id="sess",
    community_id="comm"))
call("html", lambda: p.analyze_comment("<p>You are a <b>stupid</b> idiot.</p>", comment_type="HTML"))
call("spam", lambda: p.analyze_comment("Buy cheap pills now at www.pills-4-less.biz", requested_attributes={"SPAM": {}}))
call("experimental", lambda: p.analyze_comment(insult, requested_attributes={
    a + "_EXPERIMENTAL": {} for a in ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")}))
call("threshold", lambda: p.analyze_comment("Have a nice day.", requested_attributes={"TOXICITY": {"scoreThreshold": 0.9}}))
call("suggest_score", lambda: p.suggest_score(insult, {"TOXICITY": {"summaryScore": {"value": 0.95, "type": "PROBABILITY"}}},
    languages=["en"], client_token="sug"))
call("german", lambda: p.analyze_comment("Du bist ein Idiot.", languages=["de"]))
call("flirtation", lambda: p.analyze_comment("Hey you, nice smile.", requested_attributes={"FLIRTATION": {}}))
call("too_long", lambda: p.analyze_comment("a" * 20481))
print(json.dumps(results))
"""
)


@pytest.fixture(scope="module")
def perspective_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("perspective-1.0.3")
    _install(PERSPECTIVE, [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), PERSPECTIVE])
    return target


def test_perspective_client(perspective_client: Path, server: str) -> None:
    r = _run_python(perspective_client, PERSPECTIVE_SCRIPT, BASE=server, KEY=KEY)
    assert 0 <= r["readme_score"]["value"]["TOXICITY"] <= 1
    # the README adds a str and a float: a TypeError in the client whatever the server (a README bug)
    assert r["readme_print"] == {"ok": False, "error": "TypeError", "message": r["readme_print"]["message"]}
    assert set(r["score_tests"]["value"]) == {"TOXICITY", "INSULT", "THREAT"}
    assert r["score_tests"]["value"]["INSULT"] >= 0.5
    full = r["analyze_every_argument"]["value"]
    assert full["clientToken"] == "tok" and full["languages"] == ["en"] and full["detectedLanguages"] == ["en"]
    spans = full["attributeScores"]["INSULT"]["spanScores"]
    assert [(s["begin"], s["end"]) for s in spans] == [(0, 20), (20, 43)]
    assert r["html"]["value"]["attributeScores"]["TOXICITY"]["summaryScore"]["value"] >= 0.5
    assert r["spam"]["value"]["attributeScores"]["SPAM"]["summaryScore"]["value"] >= 0.5
    assert len(r["experimental"]["value"]["attributeScores"]) == 6
    assert r["threshold"]["value"]["attributeScores"] == {}
    assert r["suggest_score"]["value"] == {
        "clientToken": "sug",
        "detectedLanguages": ["en"],
        "requestedLanguages": ["en"],
    }
    # what newssift cannot score: Perspective's own error for an unsupported language (Perspective scores these)
    german = r["german"]["body"]["error"]
    assert r["german"]["status"] == 400
    assert german["message"] == "Attribute TOXICITY does not support request languages: de"
    assert r["flirtation"]["body"]["error"]["message"] == "Attribute FLIRTATION does not support request languages: en"
    # over 20,480 bytes: the same error as Perspective's
    too_long = r["too_long"]["body"]["error"]
    assert too_long["message"] == "Comment text was too many bytes. Value (20481) exceeded limit (20480)."


# ---- perspective.py 0.3.4 ---------------------------------------------------------------------------------------

PERSPECTIVE_PY_SCRIPT = (
    RECORDER
    + """
import os
from perspective import Client, Attributes, utils
API_KEY = os.environ["KEY"]
out = os.environ["OUT"]
call("readme_client", lambda: Client(token=API_KEY) and "built")
client = Client(token=API_KEY)
# README, as written: requestedAttributes= is not an argument of Client.analyze (attributes= is): it lands in
# **options, so the client asks for its default, the production attributes
call("readme_analyze_as_written", lambda: client.analyze(text="Hey! How are you?",
    requestedAttributes=[Attributes.TOXICITY, Attributes.INSULT]))
call("readme_analyze", lambda: client.analyze(text="Hey! How are you?", attributes=[Attributes.TOXICITY, Attributes.INSULT]))
response = results["readme_analyze"].get("value") or {}
call("readme_print", lambda: response["TOXICITY"])
call("readme_iterate", lambda: [a.capitalize() + ": " + "%.2f" % v + "%" for a, v in response.items()])
call("readme_format", lambda: utils.format_response(response, align_right=True))
call("readme_production", lambda: client.analyze(text="Hey! How are you?", attributes=Attributes.Production))
production = results["readme_production"].get("value") or {}
call("readme_show_graph", lambda: utils.show_graph(response=production, title="Sample graph"))
call("readme_save_graph", lambda: utils.save_graph(response=production, filename=out + "/my_chart.png", title="Sample graph"))
call("insult", lambda: client.analyze("You are a stupid idiot.", ["TOXICITY", "INSULT"]))
call("raw", lambda: client.analyze("You are a stupid idiot.", ["INSULT"], return_raw=True))
call("german", lambda: client.analyze("Du bist ein Idiot.", ["TOXICITY"], language="de"))
call("german_skip_on_lang", lambda: client.analyze("Du bist ein Idiot.", ["TOXICITY", "INSULT"], language="de", skip_on_lang=True))
call("skip_unscored", lambda: client.analyze("You are a stupid idiot.", ["TOXICITY", "FLIRTATION"], skip_on_lang=True))
call("wrong_key", lambda: Client(token="not-the-key"))
print(json.dumps(results))
"""
)


@pytest.fixture(scope="module")
def perspective_py_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # its own folder: perspective and perspective.py both install a package named `perspective`. Its declared
    # dependency `typing` (a Python 2 backport) is left out: the standard library has it
    target = tmp_path_factory.mktemp("perspective.py-0.3.4")
    pip = [sys.executable, "-m", "pip", "install", "-q", "--target", str(target)]
    _install(PERSPECTIVE_PY, [*pip, "--no-deps", PERSPECTIVE_PY], [*pip, *PERSPECTIVE_PY_DEPS])
    main = target / "perspective" / "main.py"
    shutil.copy(main, main.with_suffix(".orig"))
    return target


def test_perspective_py_client(perspective_py_client: Path, server: str, tmp_path: Path) -> None:
    main = perspective_py_client / "perspective" / "main.py"
    original = main.with_suffix(".orig").read_text(encoding="utf-8")
    # one host, named six times: the discovery URL and the key error it parses (in __init__ and change_token), and
    # the analyze URL in the language errors it parses
    assert original.count(GOOGLE) == 6
    main.write_text(original.replace(GOOGLE, server), encoding="utf-8")  # the one URL that changes
    r = _run_python(perspective_py_client, PERSPECTIVE_PY_SCRIPT, KEY=KEY, OUT=str(tmp_path))
    assert r["readme_client"] == {"ok": True, "value": "built"}
    production = {"TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT"}
    assert set(r["readme_analyze_as_written"]["value"]) == production  # the README's typo: the default attributes
    assert set(r["readme_analyze"]["value"]) == {"TOXICITY", "INSULT"}
    assert 0 <= r["readme_print"]["value"] <= 100  # the client gives percents
    assert [line.split(":")[0] for line in r["readme_iterate"]["value"]] == ["Toxicity", "Insult"]
    assert "Toxicity" in r["readme_format"]["value"]
    assert set(r["readme_production"]["value"]) == production
    assert r["readme_show_graph"] == {"ok": True, "value": None} and r["readme_save_graph"]["ok"]
    assert (tmp_path / "my_chart.png").read_bytes()[:4] == b"\x89PNG"
    assert r["insult"]["value"]["INSULT"] >= 50
    assert r["raw"]["value"]["attributeScores"]["INSULT"]["summaryScore"]["type"] == "PROBABILITY"
    # German: the client parses Perspective's wording into its UnsupportedLanguage, and skip_on_lang skips
    # (Perspective scores German TOXICITY and INSULT; newssift scores English only)
    assert r["german"] == {
        "ok": False,
        "error": "UnsupportedLanguage",
        "message": 'German (de) is not supported by "TOXICITY" attribute.',
    }
    assert r["german_skip_on_lang"] == {"ok": True, "value": {}}
    assert set(r["skip_unscored"]["value"]) == {"TOXICITY"}
    # a key the server does not hold: the client's own InvalidToken, from Google's wording
    assert r["wrong_key"]["error"] == "InvalidToken"


# ---- perspective-api-client 3.1.0 (npm) ---------------------------------------------------------------------------

NPM_SCRIPT = """
const Perspective = require(process.env.CLIENT);
const perspective = new Perspective({apiKey: process.env.KEY});
const results = {};
async function call(name, fn) {
  try {
    results[name] = {ok: true, value: await fn()};
  } catch (error) {
    results[name] = {ok: false, error: error.name, message: error.message,
                     status: error.response ? error.response.status : null};
  }
}
(async () => {
  const text = 'you empty-headed animal food trough wiper!';
  await call('readme_usage', () => perspective.analyze(text));
  await call('readme_models', () => perspective.analyze('fools!', {attributes: ['unsubstantial', 'spam']}));
  await call('readme_more_options', () => perspective.analyze({
    comment: {text}, requestedAttributes: {TOXICITY: {scoreThreshold: 0.7}}}));
  await call('no_key', async () => new Perspective());
  await call('empty', () => perspective.analyze(''));
  await call('too_long', () => perspective.analyze('a'.repeat(20481)));
  await call('truncate', () => perspective.analyze('You idiot. '.repeat(2000), {truncate: true}));
  await call('truncate_multibyte', () => perspective.analyze('ä'.repeat(25000), {truncate: true}));
  await call('strip_html', () => perspective.analyze('<p>You are a <b>stupid</b> idiot.</p>'));
  await call('keep_html', () => perspective.analyze('<p>Hello</p>', {stripHTML: false, doNotStore: false}));
  await call('spam_lowercase', () => perspective.analyze('Buy cheap pills now', {attributes: ['spam']}));
  await call('wrong_key', () => new Perspective({apiKey: 'nope'}).analyze('hello'));
  console.log(JSON.stringify(results));
})();
"""


@pytest.fixture(scope="module")
def npm_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prefix = tmp_path_factory.mktemp("perspective-api-client")
    npm = shutil.which("npm") or "npm"
    _install(NPM_CLIENT, [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix), NPM_CLIENT])
    return prefix / "node_modules" / "perspective-api-client"


def test_npm_client(npm_client: Path, server: str) -> None:
    index = npm_client / "index.js"
    original = index.read_text(encoding="utf-8")
    if GOOGLE not in original:
        original = (npm_client / "index.js.orig").read_text(encoding="utf-8")
    else:
        (npm_client / "index.js.orig").write_text(original, encoding="utf-8")
    assert original.count(GOOGLE) == 1  # COMMENT_ANALYZER_URL
    index.write_text(original.replace(GOOGLE, server), encoding="utf-8")  # the one URL that changes
    node = shutil.which("node")
    assert node, "node is not installed"
    done = subprocess.run(
        [node, "-e", NPM_SCRIPT],  # the README's three calls and the client's documented options
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CLIENT": str(npm_client), "KEY": KEY},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(done.stdout.strip().splitlines()[-1])
    usage = r["readme_usage"]["value"]
    assert set(usage["attributeScores"]) == {"TOXICITY"} and usage["languages"] == ["en"]
    # UNSUBSTANTIAL is an attribute newssift cannot score: Perspective's error for an unsupported language
    # (Perspective scores it); SPAM alone passes
    assert r["readme_models"]["message"] == "Attribute UNSUBSTANTIAL does not support request languages: en"
    assert r["spam_lowercase"]["value"]["attributeScores"]["SPAM"]["summaryScore"]["type"] == "PROBABILITY"
    # scoreThreshold 0.7: the score is there only if it reaches 0.7 (Perspective leaves out a lower one)
    toxicity = usage["attributeScores"]["TOXICITY"]["summaryScore"]
    more = r["readme_more_options"]["value"]["attributeScores"]
    assert more == ({"TOXICITY": {"summaryScore": toxicity}} if toxicity["value"] >= 0.7 else {})
    # the client's own checks, whatever the server
    assert r["no_key"]["message"] == "Must provide options.apiKey"
    assert r["empty"]["error"] == "TextEmptyError" and r["too_long"]["error"] == "TextTooLongError"
    assert r["truncate"]["value"]["attributeScores"]["TOXICITY"]["summaryScore"]["value"] >= 0.5
    # 20,480 characters of 'ä' are 40,960 bytes: Perspective counts bytes, and refuses it as newssift does
    assert r["truncate_multibyte"]["status"] == 400
    assert (
        r["truncate_multibyte"]["message"] == "Comment text was too many bytes. Value (40960) exceeded limit (20480)."
    )
    assert r["strip_html"]["value"]["attributeScores"]["TOXICITY"]["summaryScore"]["value"] >= 0.5
    assert r["keep_html"]["ok"]
    assert r["wrong_key"]["message"] == "API key not valid. Please pass a valid API key."
