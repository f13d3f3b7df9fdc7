"""`asabot intents train / evaluate / predict` and `python -m intents.ensure_model`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from intents.cli import intents
from intents.ensure_model import is_stale
from intents.ensure_model import main as ensure_model

from .conftest import FIXTURE_TEST, FIXTURE_TRAIN

REPO_ROOT = Path(__file__).resolve().parents[2]


def predict(model_dir: Path, stdin: bytes) -> list[dict]:
    result = CliRunner().invoke(intents, ["predict", "--model-dir", str(model_dir)], input=stdin)
    assert result.exit_code == 0, result.output
    # Any reader's way of splitting lines must give the same count.
    text = result.stdout_bytes.decode("utf-8")
    assert len(text.splitlines()) == result.stdout_bytes.count(b"\n")
    return [json.loads(line) for line in text.splitlines()]


def test_predict_writes_one_json_line_per_input_line(model_dir: Path) -> None:
    rows = predict(model_dir, "สวัสดีค่ะ\nค่าแรงขั้นต่ำยะลาเท่าไหร่\n".encode())
    assert [r["intent"] for r in rows] == ["greeting", "minimum_wage"]
    first = rows[0]
    assert set(first) >= {"text", "intent", "confidence", "ranking", "entities", "lang"}
    assert first["text"] == "สวัสดีค่ะ"
    assert first["ranking"][0] == {"intent": "greeting", "confidence": first["confidence"]}
    assert rows[1]["entities"][0]["value"] == "ยะลา"


def test_predict_survives_empty_huge_and_garbage_lines(model_dir: Path) -> None:
    lines = [
        b"",
        "ก".encode() * 10_000,
        b"\xff\xfe\x00\x81garbage\xc3",
        "a\u2028b\u0085c\rd".encode(),  # separators that must not split a line
        b"\r",
        bytes(range(256)).replace(b"\n", b""),
        "🙏".encode() * 3000,
    ]
    rows = predict(model_dir, b"\n".join(lines) + b"\n")
    assert len(rows) == len(lines)
    assert rows[0]["intent"] == "out_of_scope"
    assert "\ufffd" in rows[2]["text"]
    assert rows[3]["text"] == "a\u2028b\u0085c\rd"


def test_predict_counts_a_last_line_without_newline(model_dir: Path) -> None:
    assert len(predict(model_dir, b"one\ntwo")) == 2
    assert predict(model_dir, b"") == []


def test_predict_from_a_real_pipe_with_invalid_utf8(model_dir: Path) -> None:
    code = "from intents.cli import intents; intents()"
    env = {**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": ""}
    done = subprocess.run(
        [sys.executable, "-c", code, "predict", "--model-dir", str(model_dir)],
        input=b"\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\n\xff\xff\n\n",
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stdout.splitlines()) == 3


def test_evaluate_prints_accuracy_macro_f1_and_per_intent_rows(model_dir: Path) -> None:
    args = ["evaluate", str(FIXTURE_TEST), "--model-dir", str(model_dir)]
    result = CliRunner().invoke(intents, args)
    assert result.exit_code == 0, result.output
    assert "accuracy" in result.output and "macro-F1" in result.output
    assert "minimum_wage" in result.output


def test_evaluate_json_is_one_object(model_dir: Path) -> None:
    args = ["evaluate", str(FIXTURE_TEST), "--model-dir", str(model_dir), "--json"]
    result = CliRunner().invoke(intents, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["examples"] == 6
    assert 0.0 <= report["accuracy"] <= 1.0 and 0.0 <= report["macro_f1"] <= 1.0
    assert set(report["per_intent"]["greeting"]) == {"precision", "recall", "f1", "support"}
    assert isinstance(report["confused"], list)


def test_evaluate_without_a_model_says_how_to_get_one(tmp_path: Path) -> None:
    args = ["evaluate", str(FIXTURE_TEST), "--model-dir", str(tmp_path / "none")]
    result = CliRunner().invoke(intents, args)
    assert result.exit_code != 0
    assert "asabot intents train" in result.output


def test_train_prints_counts_and_time_and_honours_the_env_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTENTS_MODEL_DIR", str(tmp_path / "m"))
    result = CliRunner().invoke(intents, ["train", "--data-dir", str(FIXTURE_TRAIN)])
    assert result.exit_code == 0, result.output
    assert "trained on 57 examples of 6 intents" in result.output
    assert " s -> " in result.output
    assert (tmp_path / "m" / "model.json").is_file()


def test_labelled_examples_from_the_console_are_trained_on(tmp_path: Path) -> None:
    data = tmp_path / "train"
    data.mkdir()
    for path in FIXTURE_TRAIN.glob("*.yaml"):
        (data / path.name).write_bytes(path.read_bytes())
    (data / "labelled").mkdir()
    (data / "labelled" / "console.jsonl").write_text(
        '{"text": "ขอคุยกับเจ้าหน้าที่หน่อย", "intent": "human_agent"}\n'
        '{"text": "คุยกับคนจริงได้ไหม", "intent": "human_agent"}\n'
        "not json\n"
        '{"text": "x", "intent": "no_such_intent"}\n',
        encoding="utf-8",
    )
    args = ["train", "--data-dir", str(data), "--model-dir", str(tmp_path / "m")]
    result = CliRunner().invoke(intents, args)
    assert result.exit_code == 0, result.output
    assert "trained on 50 examples of 7 intents" in result.output


def test_ensure_model_trains_only_when_missing_or_stale(tmp_path: Path) -> None:
    data = tmp_path / "train"
    data.mkdir()
    for path in FIXTURE_TRAIN.glob("*.yaml"):
        (data / path.name).write_bytes(path.read_bytes())
    model = tmp_path / "model"
    args = ["--model-dir", str(model), "--data-dir", str(data)]
    assert is_stale(model, data)
    first = CliRunner().invoke(ensure_model, args)
    assert first.exit_code == 0 and "trained" in first.output
    assert not is_stale(model, data)
    second = CliRunner().invoke(ensure_model, args)
    assert "up to date" in second.output
    built = (model / "model.json").stat().st_mtime
    os.utime(data / "greeting.yaml", (built + 10, built + 10))
    assert is_stale(model, data)


def test_cross_validate_reports_accuracy_overall_and_per_language() -> None:
    result = CliRunner().invoke(
        intents, ["cross-validate", "--data-dir", str(FIXTURE_TRAIN), "--folds", "3"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["examples"] == 57 and report["folds"] == 3 and len(report["per_fold"]) == 3
    assert 0.0 < report["accuracy"] <= 1.0
    assert {"th", "ms"} <= set(report["by_language"])
