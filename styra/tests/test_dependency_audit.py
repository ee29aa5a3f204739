"""bin/audit: pip-audit against an OSV service, here a local stand-in for api.osv.dev.

The stand-in reports one package as vulnerable, so the test shows that a known
vulnerability fails the build and that a clean answer passes it; and that an
unreachable service is said out loud, and is a failure when STYRA_PIP_AUDIT=1.
"""

import json
import os
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "bin" / "audit"


def osv_answer(vulnerable: str, name: str) -> dict:
    if name.lower() != vulnerable:
        return {}
    return {
        "vulns": [
            {
                "id": "GHSA-styra-test",
                "summary": "A vulnerability the test invents",
                "details": "Invented.",
                "aliases": [],
                "modified": "2026-01-01T00:00:00Z",
                "affected": [
                    {
                        "package": {"name": name, "ecosystem": "PyPI"},
                        "ranges": [
                            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "999"}]}
                        ],
                    }
                ],
            }
        ]
    }


@pytest.fixture
def osv_service():
    """Start a stand-in OSV service; call it with the package name it should flag."""
    servers = []

    def start(vulnerable: str = "") -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                body = json.dumps(osv_answer(vulnerable, query["package"]["name"])).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/v1/query"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def run_audit(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script, fixed path
        [str(AUDIT)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_clean_answer_passes(osv_service):
    result = run_audit(STYRA_OSV_URL=osv_service(), STYRA_PIP_AUDIT="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No known vulnerabilities found" in result.stdout + result.stderr


def test_a_known_vulnerability_fails(osv_service):
    result = run_audit(STYRA_OSV_URL=osv_service("django"), STYRA_PIP_AUDIT="1")
    assert result.returncode != 0
    assert "GHSA-styra-test" in result.stdout
    assert "django" in result.stdout


def test_an_unreachable_service_is_said_and_fails_when_required():
    url = f"http://127.0.0.1:{closed_port()}/v1/query"
    loose = run_audit(STYRA_OSV_URL=url, STYRA_PIP_AUDIT="auto")
    assert loose.returncode == 0
    assert "INTE KÖRD" in loose.stdout
    strict = run_audit(STYRA_OSV_URL=url, STYRA_PIP_AUDIT="1")
    assert strict.returncode != 0
    assert "kunde inte göras" in strict.stderr
