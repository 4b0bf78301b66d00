"""The GitHub Actions workflows: what triggers them, what they may do, and what they run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from site_builder.cli import parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"

# The actions the workflows may use, each at one pinned major version.
ALLOWED_ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
}


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    data["on"] = data.pop(True, data.get("on"))
    return data


@pytest.fixture(scope="module")
def pages() -> dict:
    return load("pages.yml")


@pytest.fixture(scope="module")
def check() -> dict:
    return load("check.yml")


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def step_using(job: dict, action: str) -> dict:
    (found,) = [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]
    return found


def index_of_run(job: dict, pattern: str) -> int:
    """The index of the only step whose `run` matches `pattern` (a regex)."""
    found = [i for i, s in enumerate(steps(job)) if re.search(pattern, s.get("run", ""))]
    assert len(found) == 1, f"{pattern!r}: {len(found)} steps"
    return found[0]


def index_of_use(job: dict, action: str) -> int:
    (found,) = [i for i, s in enumerate(steps(job)) if s.get("uses", "").startswith(action + "@")]
    return found


def all_jobs() -> list[tuple[str, str, dict]]:
    return [
        (path.name, name, job)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for name, job in load(path.name)["jobs"].items()
    ]


# --------------------------------------------------------------------------- both


def test_both_workflows_exist():
    assert {"check.yml", "pages.yml"} <= {p.name for p in WORKFLOWS.glob("*.yml")}


@pytest.mark.parametrize("name", ["pages.yml", "check.yml"])
def test_no_workflow_runs_on_pull_request_target(name):
    # pull_request_target would run a pull request's code with the base repository's token
    assert "pull_request_target" not in load(name)["on"]


@pytest.mark.parametrize("name", ["pages.yml", "check.yml"])
def test_the_default_token_only_reads(name):
    assert load(name)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_only_official_actions_at_pinned_major_versions(workflow, job_name, job):
    for step in steps(job):
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert ALLOWED_ACTIONS.get(action) == version, f"{workflow} {job_name}: {step['uses']}"


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_checkouts_keep_no_credentials(workflow, job_name, job):
    for step in steps(job):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_python_is_set_up_with_pip_caching_keyed_on_pyproject(workflow, job_name, job):
    if "actions/checkout" not in uses(job):
        return  # the deploy job runs no code of the repository
    setup = step_using(job, "actions/setup-python")["with"]
    assert setup["cache"] == "pip"
    assert setup["cache-dependency-path"] == "pyproject.toml"
    assert re.fullmatch(r"3\.1[1-9]", str(setup["python-version"]))
    assert index_of_use(job, "actions/checkout") < index_of_use(job, "actions/setup-python")


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_site_builder_commands_are_ones_the_cli_accepts(workflow, job_name, job):
    for step in steps(job):
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if line.startswith("site-builder "):
                argv = shlex.split(re.sub(r"\$\{?\w+\}?", "https://example.org/x/", line))[1:]
                parser().parse_args(argv)  # exits (SystemExit) on an unknown option


# --------------------------------------------------------------------------- pages.yml


def test_pages_runs_on_push_to_main_and_by_hand(pages):
    assert pages["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}


def test_pages_deployments_queue_in_one_group(pages):
    assert pages["concurrency"]["group"] == "pages"
    assert pages["concurrency"]["cancel-in-progress"] is False  # never stop a deployment midway


def test_only_the_deploy_job_may_write_to_pages_or_get_an_id_token(pages):
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # configure-pages reads the Pages settings: read access, nothing more
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert set(pages["jobs"]) == {"build", "deploy"}


def test_pages_builds_strictly_verifies_then_uploads(pages):
    build = pages["jobs"]["build"]
    install = index_of_run(build, r"pip install")
    configure = index_of_use(build, "actions/configure-pages")
    mkdocs = index_of_run(build, r"^mkdocs build --strict$")
    verify = index_of_run(build, r"^site-builder verify site\b")
    upload = index_of_use(build, "actions/upload-pages-artifact")
    assert install < mkdocs and configure < mkdocs < verify < upload
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"] == "site"


def test_pages_builds_and_verifies_for_the_address_it_is_served_at(pages):
    build = pages["jobs"]["build"]
    configure = step_using(build, "actions/configure-pages")
    assert configure["id"] == "pages"
    base = "${{ steps.pages.outputs.base_url }}/"
    mkdocs = steps(build)[index_of_run(build, r"^mkdocs build")]
    verify = steps(build)[index_of_run(build, r"^site-builder verify")]
    assert mkdocs["env"]["SITE_URL"] == base
    assert verify["env"]["SITE_URL"] == base and '--base-url "$SITE_URL"' in verify["run"]


def test_the_deploy_job_deploys_the_built_artifact_and_runs_nothing_else(pages):
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert not any("run" in s for s in steps(deploy))
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert step_using(deploy, "actions/deploy-pages")["id"] == "deployment"


# --------------------------------------------------------------------------- check.yml


def test_check_runs_on_pull_requests(check):
    assert set(check["on"]) == {"pull_request", "workflow_dispatch"}


def test_check_has_no_job_with_more_than_read_access(check):
    for job in check["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_check_cancels_superseded_runs_of_a_pull_request(check):
    assert "github.event.pull_request.number" in check["concurrency"]["group"]
    assert check["concurrency"]["cancel-in-progress"] is True


def test_check_runs_the_check_the_tests_a_strict_build_and_verify(check):
    (job,) = check["jobs"].values()
    install = index_of_run(job, r"pip install -e '\.\[test\]'")
    check_step = index_of_run(job, r"^site-builder check --format github$")
    tests = index_of_run(job, r"^python -m pytest$")
    mkdocs = index_of_run(job, r"^mkdocs build --strict$")
    verify = index_of_run(job, r"^site-builder verify site\b")
    assert install < check_step < tests < mkdocs < verify


def test_check_reports_every_problem_in_one_run(check):
    # each step after the install runs even when an earlier one failed (not when cancelled)
    (job,) = check["jobs"].values()
    after_install = steps(job)[index_of_run(job, r"pip install") + 1 :]
    for step in after_install:
        assert step["if"].startswith("${{ !cancelled() && "), step.get("name")
    verify = steps(job)[index_of_run(job, r"^site-builder verify")]
    assert "steps.build.outcome == 'success'" in verify["if"]


def test_check_does_not_install_ubuntus_chromium_stub(check):
    # On Ubuntu, `apt-get install chromium` installs a stub that asks for the snap; the
    # runner's own Chromium is used, and the browser tests skip (saying why) without one.
    (job,) = check["jobs"].values()
    runs = "\n".join(s.get("run", "") for s in steps(job))
    assert "apt-get" not in runs and "snap " not in runs
    assert "chromium --version" in runs
