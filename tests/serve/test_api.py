"""The /v1 API against a real uvicorn server on loopback, over HTTP (httpx)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.serve.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema" / "report-v1.json").read_text())
TWO_EDITS = "# Summary\n\nThe deploy went out. Obviously the config was wrong. It is the THIRD time.\n"


def test_review_is_the_cli_json_report(live_server, draft_text, tmp_path):
    (tmp_path / "draft.md").write_text(draft_text, encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "reviewer", "check", "--format", "json", "--fail-on", "never",
                          "draft.md"], cwd=tmp_path, capture_output=True, timeout=60)
    response = live_server.client.post("/v1/review", json={"text": draft_text, "path": "draft.md"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(cli.stdout)
    jsonschema.validate(response.json(), SCHEMA)
    assert {f["rule"] for f in response.json()["files"][0]["findings"]} >= {"BL001", "AC001", "HR001"}


def test_config_options_in_the_body(live_server, draft_text):
    def rules(config):
        body = live_server.client.post("/v1/review", json={"text": draft_text, "config": config}).json()
        return [f["rule"] for f in body["files"][0]["findings"]]

    assert set(r[:2] for r in rules({"select": ["AC"]})) == {"AC"}
    assert "HR001" not in rules({"ignore": ["HR001"]})
    sev = live_server.client.post("/v1/review", json={"text": draft_text, "config": {
        "select": ["BL005"], "severity": {"BL005": "error"}}}).json()
    assert {f["severity"] for f in sev["files"][0]["findings"]} == {"error"}
    only_summary = live_server.client.post("/v1/review", json={"text": "# Summary\n\nIt broke.\n", "config": {
        "select": ["ST001"], "required-sections": ["summary"]}}).json()
    assert only_summary["files"][0]["findings"] == []


def test_annotations_for_the_page(live_server):
    text = "# Summary 🚀\n\nThe deploy went out. Obviously the config was wrong.\n"
    body = live_server.client.post("/v1/review", json={"text": text, "annotations": True}).json()
    findings, notes = body["report"]["files"][0]["findings"], body["annotations"]
    assert len(findings) == len(notes)
    hindsight = next(a for a, f in zip(notes, findings, strict=True) if f["rule"] == "BL004")
    # Offsets count UTF-16 code units (JavaScript strings): the emoji before it counts twice.
    assert text.encode("utf-16-le")[hindsight["start"] * 2 : hindsight["end"] * 2].decode("utf-16-le") == "Obviously"
    assert text[hindsight["start"] - 1 : hindsight["end"] - 1] == "Obviously"
    assert hindsight["family"] == "BL" and hindsight["kind"] == "edit" and hindsight["safe"] is True
    assert hindsight["before"] == "Obviously the config was wrong."
    assert hindsight["after"] == "The config was wrong."
    assert hindsight["id"] == f"{findings[notes.index(hindsight)]['fingerprint']}@3:22"
    assert body["summary"]["BL"] >= 1 and body["summary"]["AC"] == 0
    checklist = {c["section"]: c["present"] for c in body["checklist"]}
    assert checklist["summary"] is True and checklist["timeline"] is False


def test_fix_applies_chosen_ids_and_returns_a_diff(live_server):
    review = live_server.client.post("/v1/review", json={"text": TWO_EDITS, "annotations": True}).json()
    edit = next(a for a in review["annotations"] if a["kind"] == "edit")
    fixed = live_server.client.post("/v1/fix", json={"text": TWO_EDITS, "ids": [edit["id"]]}).json()
    assert fixed["applied"] >= 1 and fixed["text"] != TWO_EDITS
    assert fixed["diff"].startswith("--- a/draft.md\n+++ b/draft.md\n")
    assert "-The deploy went out. Obviously the config was wrong." in fixed["diff"]
    safe = live_server.client.post("/v1/fix", json={"text": TWO_EDITS, "safe": True}).json()
    again = live_server.client.post("/v1/review", json={"text": safe["text"]}).json()
    assert safe["applied"] == 2 and "Obviously" not in safe["text"] and "THIRD" not in safe["text"]
    assert not {"BL004", "BL007"} & {f["rule"] for f in again["files"][0]["findings"]}


def test_edits_that_would_change_the_structure_are_guidance(live_server):
    text = "# Summary\n\nPredictably, ~~~ markers broke it.\n\nObviously the config was wrong.\n"
    review = live_server.client.post("/v1/review", json={"text": text, "annotations": True}).json()
    fence = next(a for a in review["annotations"] if a["start"] == text.index("Predictably"))
    assert fence["kind"] == "proposal" and fence["safe"] is False and "block structure" in fence["refused"]
    fixed = live_server.client.post("/v1/fix", json={"text": text, "safe": True}).json()
    assert fixed["text"] == "# Summary\n\nPredictably, ~~~ markers broke it.\n\nThe config was wrong.\n"
    chosen = live_server.client.post("/v1/fix", json={"text": text, "ids": [fence["id"]]}).json()
    assert chosen["applied"] == 0 and chosen["guidance"] == [fence["id"]] and chosen["text"] == text


def test_fix_errors_are_400(live_server, draft_text):
    client = live_server.client
    nothing = client.post("/v1/fix", json={"text": TWO_EDITS})
    assert nothing.status_code == 400 and "ids" in nothing.json()["error"]["message"]
    stale = client.post("/v1/fix", json={"text": TWO_EDITS, "ids": ["0123456789abcdef@1:1"]})
    assert stale.status_code == 400 and "unknown suggestion id" in stale.json()["error"]["message"]
    review = client.post("/v1/review", json={"text": draft_text, "annotations": True}).json()
    advice = next(a for a in review["annotations"] if a["kind"] == "advice")
    no_edit = client.post("/v1/fix", json={"text": draft_text, "ids": [advice["id"]]})
    assert no_edit.status_code == 400 and "no mechanical edit" in no_edit.json()["error"]["message"]


def test_bad_input_is_400_and_schema_errors_are_422(live_server):
    client = live_server.client
    bad_json = client.post("/v1/review", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["error"]["message"]
    unknown_rule = client.post("/v1/review", json={"text": "x", "config": {"select": ["XX999"]}})
    assert unknown_rule.status_code == 400 and "XX999" in unknown_rule.json()["error"]["message"]
    binary = client.post("/v1/review", json={"text": "abc\u0000def"})
    assert binary.status_code == 400 and "binary" in binary.json()["error"]["message"]
    surrogate = client.post("/v1/review", content=b'{"text": "a \\ud800 b"}', headers={"content-type": "application/json"})
    assert surrogate.status_code == 400 and "UTF-8" in surrogate.json()["error"]["message"]
    missing = client.post("/v1/review", json={"path": "a.md"})
    assert missing.status_code == 422 and missing.json()["error"]["message"] == "text: Field required"
    wrong_type = client.post("/v1/review", json={"text": 42})
    assert wrong_type.status_code == 422
    # The LLM settings, file limits and per-path globs are the server's: a body cannot set them.
    for key in ("llm", "max-file-bytes", "per-path"):
        sneaky = client.post("/v1/review", json={"text": "x", "config": {key: {}}})
        assert sneaky.status_code == 422 and sneaky.json()["error"]["message"] == f"config.{key}: unknown key"
    assert client.get("/v1/nope").status_code == 404
    assert client.get("/v1/review").status_code == 405
    assert client.get("/v1/review").json()["error"]["status"] == 405


def test_empty_text_is_reviewed_like_the_cli(live_server, tmp_path):
    (tmp_path / "draft.md").write_text("  \n", encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "reviewer", "check", "--format", "json", "--fail-on", "never",
                          "draft.md"], cwd=tmp_path, capture_output=True, timeout=60)
    body = live_server.client.post("/v1/review", json={"text": "  \n"}).json()
    assert body == json.loads(cli.stdout)


def test_rules_health_and_openapi(live_server):
    rules = live_server.client.get("/v1/rules").json()
    bl001 = next(r for r in rules["rules"] if r["id"] == "BL001")
    assert bl001["family"] == "BL" and bl001["rationale"] and bl001["guardrail"]
    assert rules["families"]["AC"] == "Action items"
    health = live_server.client.get("/healthz").json()
    assert health == {"status": "ok", "version": health["version"], "llm": False, "max_bytes": 5_000_000}
    spec = live_server.client.get("/v1/openapi.json").json()
    assert {"/v1/review", "/v1/fix", "/v1/rewrite", "/v1/rules", "/healthz"} <= set(spec["paths"])
    assert "ReviewRequest" in spec["components"]["schemas"]


def test_rewrite_without_an_llm_is_503(live_server, draft_text):
    response = live_server.client.post("/v1/rewrite", json={"text": draft_text, "id": "x@1:1"})
    assert response.status_code == 503
    assert "pmreview serve --llm" in response.json()["error"]["message"]


def test_path_is_a_label_never_opened(live_server):
    secret = Path(__file__)  # a file the server could read, if it opened paths
    body = live_server.client.post("/v1/review", json={"text": "# Summary\n\nIt broke.\n", "path": str(secret)})
    report = body.json()["files"][0]
    assert report["path"] == str(secret)
    assert all(f["range"]["start"]["line"] <= 3 for f in report["findings"])
