"""`make review` and the pull-request workflow that posts it: the workflows pass GitHub's published
schema, the review workflow fetches the whole history read-only, and its review step, run as the
YAML writes it in a clone with a sample change committed, names what changed for readers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.site.review import Review, fit, main as review_main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
REVIEW_YML = ROOT / ".github" / "workflows" / "review.yml"
CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"
# Variables the Makefile reads, and make's own, which a test run under `make test` would pass down.
OUTSIDE = ("PYTHON", "DATASET", "SITE_DIR", "SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH", "FROM", "VERSION", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True)


def test_there_are_workflows_to_check():
    assert {p.name for p in WORKFLOWS} >= {"pages.yml", "review.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_passes_githubs_schema(workflow):
    done = check_workflow(workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_fails_on_a_broken_workflow(tmp_path):
    """The check above can fail: a job without `runs-on` and a permission GitHub does not have."""
    broken = tmp_path / "review.yml"
    text = REVIEW_YML.read_text(encoding="utf-8")
    text = text.replace("    runs-on: ubuntu-latest\n", "").replace("  contents: read\n", "  contents: readonly\n")
    broken.write_text(text, encoding="utf-8")
    done = check_workflow(broken)
    assert done.returncode == 1 and "runs-on" in done.stdout + done.stderr


def workflow() -> dict:
    return yaml.safe_load(REVIEW_YML.read_text(encoding="utf-8"))


def test_review_workflow_fetches_all_history_read_only():
    w = workflow()
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert "pull_request" in (w.get("on") or w.get(True))
    assert w["permissions"] == {"contents": "read"}
    assert all("permissions" not in job or set(job["permissions"].values()) <= {"read", "none"} for job in w["jobs"].values())
    steps = w["jobs"]["review"]["steps"]
    checkout = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkout) == 1 and checkout[0]["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in steps]
    assert "make validate" in runs and "make test" in runs
    assert runs.index("make validate") < len(runs) - 1 and runs.index("make test") < len(runs) - 1
    assert w["jobs"]["review"]["container"] == "debian:bookworm"
    assert any('safe.directory "$GITHUB_WORKSPACE"' in r for r in runs)


def review_step() -> dict:
    steps = [s for s in workflow()["jobs"]["review"]["steps"] if "make" in s.get("run", "") and " review " in f" {s.get('run', '')} "]
    assert len(steps) == 1, "one step runs make review"
    return steps[0]


def substitute(text: str, context: dict[str, str]) -> str:
    """`${{ expr }}` as GitHub fills it in, for the expressions of `context`; any other fails."""
    def value(m: re.Match) -> str:
        assert m[1] in context, f"the test knows no value for ${{{{ {m[1]} }}}}"
        return context[m[1]]

    return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", value, text)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A git clone of this checkout holding the working tree as it is (committed or not), with the
    checkout's virtual environment, which make must find up to date (it is never rebuilt here)."""
    repo = tmp_path_factory.mktemp("review") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True, capture_output=True)
    files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, files):
        source, target = ROOT / rel, repo / rel
        if source.is_file() and not source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        elif not source.exists() and target.exists():
            target.unlink()
    git(repo, "add", "-A")
    if git(repo, "status", "--porcelain"):
        git(repo, "commit", "-q", "-m", "the checkout's working tree")
    (repo / ".venv").symlink_to((ROOT / ".venv").resolve())
    # A fresh clone's files are newer than .venv/.installed; as old as the checkout's, make sees
    # the venv up to date (as it is in the checkout) instead of rebuilding the shared one.
    for rel in ("requirements.txt", "requirements-cffconvert.txt", "scripts/bootstrap.sh"):
        os.utime(repo / rel, (0, 0))
    up_to_date = subprocess.run(["make", "-q", ".venv/.installed"], cwd=repo, env=clean_env())
    assert up_to_date.returncode == 0, "the checkout's .venv is not installed: run `make test` (which installs it) first"
    return repo


def clean_env(**extra: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in OUTSIDE} | extra


def test_the_pr_workflow_runs_the_review_on_a_sample_change(clone, tmp_path):
    base = git(clone, "rev-parse", "HEAD").strip()
    people = clone / "dataset" / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    assert text.count("Meta researcher and first author") == 1
    text = text.replace("Meta researcher and first author", "Meta research scientist and first author")  # hugo-touvron: a changed field
    lines = [line for line in text.split("\n") if not line.startswith("richard-kadrey,")]  # a removed row
    lines.insert(1, "ta-nehisi-coates,타네하시 코츠,Ta-Nehisi Coates,미국의 작가.,American writer.,,")  # an added row
    people.write_text("\n".join(lines), encoding="utf-8", newline="")
    git(clone, "commit", "-q", "-am", "a sample change")

    step = review_step()
    context = {"github.event.pull_request.base.sha": base}
    summary = tmp_path / "step-summary.md"
    env = clean_env(GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(clone))
    env |= {k: substitute(str(v), context) for k, v in (step.get("env") or {}).items()}
    done = subprocess.run(["bash", "-e", "-c", substitute(step["run"], context)], cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")

    assert "위고 투브롱 · Hugo Touvron (<code>people/hugo-touvron</code>) — 변경 · changed" in text
    row = next(line for line in text.split("\n") if line.startswith("| 설명 (영어) · Description (English) |"))
    assert "Meta research<b>er</b> and first author" in row and "Meta research<b>␣scientist</b> and first author" in row
    for lang in ("", "en/"):
        for person in ("hugo-touvron", "ta-nehisi-coates"):
            assert f'<a href="http://127.0.0.1:8000/{lang}people/{person}/">' in text
    assert "타네하시 코츠 · Ta-Nehisi Coates (<code>people/ta-nehisi-coates</code>) — 추가 · added" in text
    assert "리처드 카드레이 · Richard Kadrey (<code>people/richard-kadrey</code>) — 삭제 · removed" in text
    assert "| 인물 · People | 1 | 1 | 1 |" in text
    # Only the changed table, and nothing but the summary (not make's echo of its commands).
    assert "## 인물 · People" in text and text.count("\n## ") == 1
    assert text.startswith("# ") and ".venv/bin/python" not in text


def test_make_review_refuses_a_missing_or_unknown_from(clone):
    for args in ([], ["FROM="], ["FROM=no-such-ref"], ["FROM=HEAD:README.md"]):
        done = subprocess.run(["make", "--no-print-directory", "review", *args], cwd=clone, env=clean_env(), capture_output=True, text=True)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "make review: " in done.stderr and "FROM=" in done.stderr and done.stdout == ""


def test_review_refuses_without_a_commit(capsys):
    assert review_main([]) == 2
    assert review_main(["no-such-ref"]) == 2
    assert "FROM=no-such-ref is not a commit" in capsys.readouterr().err


HOSTILE = "a | b <script>alert(1)</script> `code` *x* [l](javascript:x) ~~s~~\nsecond | line"


def table_rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("|")]


def test_every_value_is_escaped_in_the_summary():
    """Pipes, tags, backticks, emphasis, links and line breaks in old and new values, ids and names
    stay text: every table row keeps its three cells and no value becomes markup."""
    person = {"id": "p", "name_ko": "이름 | <b>", "name_en": "Name `x`", "description_ko": "설명.", "description_en": "Old.", "description_basis": "", "wikidata": ""}
    membership = {"id": "m|<i>", "person_id": "p", "organization_id": "", "role_ko": "역할", "role_en": "Role"}
    old = {"people": {"p": person}, "memberships": {"m|<i>": membership}}
    new = {
        "people": {"p": person | {"description_en": HOSTILE}, "q`<x>": person | {"id": "q`<x>", "name_en": HOSTILE}},
        "memberships": {"m|<i>": membership | {"role_en": HOSTILE}},
    }
    text = Review(old, new, "http://127.0.0.1:8000/").markdown("HEAD")
    for raw in ("<script>", "`code`", "*x*", "[l]", "~~s~~", "a | b", "이름 | <b>", "q`<x>", "m|<i>", "Name `x`", "\nsecond"):
        assert raw not in text, raw
    for row in table_rows(text):
        assert row.count("|") in (4, 5), row  # 3 or 4 cells: no value adds one
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in text
    assert "↵second" in text  # a line break shows, and does not end the row
    # A row with no page of its own (a membership) is shown through the page of its person, whose
    # id leads the links percent-encoded.
    assert 'href="http://127.0.0.1:8000/en/people/p/"' in text
    assert 'href="http://127.0.0.1:8000/people/q%60%3Cx%3E/"' in text


def test_a_long_value_is_clipped_around_the_change():
    before = "word " * 100 + "old" + " tail" * 100
    after = "word " * 100 + "new" + " tail" * 100
    person = {"id": "p", "name_ko": "가", "name_en": "A", "description_ko": "설명.", "description_en": before}
    text = Review({"people": {"p": person}}, {"people": {"p": person | {"description_en": after}}}, "http://x.invalid/").markdown("HEAD")
    row = next(line for line in table_rows(text) if line.startswith("| 설명 (영어)"))
    assert "<b>old</b>" in row and "<b>new</b>" in row and row.count("…") == 4
    assert len(row) < 400  # two windows, not two 1,000-character values


def test_a_summary_too_long_for_github_is_cut_at_a_record():
    people = {f"p{i}": {"id": f"p{i}", "name_ko": f"가{i}", "name_en": f"A{i}", "description_en": "Old."} for i in range(200)}
    new = {k: v | {"description_en": "New."} for k, v in people.items()}
    text = Review({"people": people}, {"people": new}, "http://x.invalid/").markdown("HEAD")
    cut = fit(text, 5000)
    assert fit(text) == text and len(cut.encode("utf-8")) <= 5000
    assert cut.startswith(text[: text.index("\n### ")]) and cut.count("\n### ") < 200
    kept = cut[: cut.rindex("\n요약이")]
    assert text.startswith(kept) and kept.endswith("|\n\n")  # whole records only: the last one ends with its table
    assert "run `make review FROM=…` to see it all" in cut
