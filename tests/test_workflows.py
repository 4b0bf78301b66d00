"""The GitHub Actions workflows: what triggers them, what they may do, and what they run; and
the supply chain: actions pinned by commit SHA, packages installed only from the hash-pinned lock
(requirements/, made by tools/lock.py), Dependabot, code owners and the security policy."""

from __future__ import annotations

import copy
import importlib.util
import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from site_builder.cli import parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
LOCKS = ROOT / "requirements"
CI_RUN = ROOT / ".ci" / "run"

# The actions the workflows may use, each at one major version. Dependabot proposes a new
# major in a pull request of its own; it fails here until a maintainer has read its changes
# and moved the version here.
ALLOWED_ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "actions/cache": "v4",
}


def _lock_tool():
    spec = importlib.util.spec_from_file_location("lock_tool", ROOT / "tools" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lock_tool = _lock_tool()


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
def test_only_official_actions(workflow, job_name, job):
    for step in steps(job):
        if "uses" in step:
            action = step["uses"].partition("@")[0]
            assert action in ALLOWED_ACTIONS, f"{workflow} {job_name}: {step['uses']}"


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_checkouts_keep_no_credentials(workflow, job_name, job):
    for step in steps(job):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize(("workflow", "job_name", "job"), all_jobs())
def test_python_is_set_up_with_pip_caching_keyed_on_the_lock_files_it_installs(
    workflow, job_name, job
):
    if "actions/checkout" not in uses(job):
        return  # the deploy job runs no code of the repository
    setup = step_using(job, "actions/setup-python")["with"]
    assert setup["cache"] == "pip"
    installed = [f for f in map(lock_installed, job_installs(job)) if f]
    assert setup["cache-dependency-path"].split() == installed
    # the Python the locks are made with (another version would need other packages)
    version = ".".join(map(str, lock_tool.PYTHON))
    assert str(setup["python-version"]) == version
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
    job = check["jobs"]["check"]
    install = index_of_run(job, r"-r requirements/test\.txt")
    check_step = index_of_run(job, r"^site-builder check --format github --changed-since HEAD\^1$")
    tests = index_of_run(job, r"^python -m pytest$")
    mkdocs = index_of_run(job, r"^mkdocs build --strict$")
    verify = index_of_run(job, r"^site-builder verify site\b")
    assert install < check_step < tests < mkdocs < verify


def test_check_knows_what_the_pull_request_changed(check):
    # the merge commit and its first parent, the base: `--changed-since HEAD^1` needs both
    job = check["jobs"]["check"]
    checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] >= 2


def test_check_reports_every_problem_in_one_run(check):
    # each step after the install runs even when an earlier one failed (not when cancelled)
    job = check["jobs"]["check"]
    after_install = steps(job)[index_of_run(job, r"pip install") + 1 :]
    for step in after_install:
        assert step["if"].startswith("${{ !cancelled() && "), step.get("name")
    verify = steps(job)[index_of_run(job, r"^site-builder verify")]
    assert "steps.build.outcome == 'success'" in verify["if"]


def test_check_does_not_install_ubuntus_chromium_stub(check):
    # On Ubuntu, `apt-get install chromium` installs a stub that asks for the snap; the
    # runner's own Chromium is used, and the browser tests skip (saying why) without one.
    job = check["jobs"]["check"]
    runs = "\n".join(s.get("run", "") for s in steps(job))
    assert "apt-get" not in runs and "snap " not in runs
    assert "chromium --version" in runs


# --------------------------------------------------------------------------- supply chain: actions

# `uses: owner/repo@<full commit SHA> # vX.Y.Z`: a tag can be moved to other code by whoever
# controls the action's repository; a commit cannot. The comment says which release it is, and
# Dependabot moves SHA and comment together.
_USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?P<rest>.*)$")
_PINNED_REF = re.compile(r"(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})")
_VERSION_COMMENT = re.compile(r"\s+# (?P<version>v(?P<major>\d+)\.\d+\.\d+)\s*")


def pin_problems(text: str, name: str) -> list[str]:
    """What is wrong with each `uses:` of a workflow's text: `name:line: problem`."""
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        found = _USES_LINE.match(line)
        if not found:
            continue
        ref = found["ref"].strip("'\"")
        where = f"{name}:{lineno}: {ref}"
        pinned = _PINNED_REF.fullmatch(ref)
        comment = _VERSION_COMMENT.fullmatch(found["rest"])
        if not pinned:
            problems.append(f"{where}: not pinned by a full (40-hex) commit SHA")
        elif not comment:
            problems.append(f"{where}: no '# vX.Y.Z' comment naming the release of that commit")
        elif ALLOWED_ACTIONS.get(pinned["action"]) != f"v{comment['major']}":
            problems.append(
                f"{where}: {comment['version']} is not the allowed major version "
                f"{ALLOWED_ACTIONS.get(pinned['action'])} (ALLOWED_ACTIONS)"
            )
    return problems


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.y*ml")))
def test_every_action_is_pinned_by_commit_sha_with_its_release(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert pin_problems(text, name) == []
    # every `uses` the YAML holds is on a line of its own, so none escaped the check above
    in_yaml = [s["uses"] for job in load(name)["jobs"].values() for s in steps(job) if "uses" in s]
    on_lines = [m["ref"] for line in text.splitlines() if (m := _USES_LINE.match(line))]
    assert in_yaml == on_lines and in_yaml


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("      - uses: actions/checkout@v4", "not pinned by a full (40-hex) commit SHA"),
        ("        uses: actions/deploy-pages@v4.0.5", "not pinned by a full (40-hex) commit SHA"),
        ("      - uses: actions/checkout@main", "not pinned by a full (40-hex) commit SHA"),
        ("      - uses: actions/checkout@11d5960a # v4.4.0", "not pinned by a full (40-hex)"),
        (
            "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262",
            "no '# vX.Y.Z' comment",
        ),
        (
            "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4",
            "no '# vX.Y.Z' comment",
        ),
        (
            "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
            "v5.0.0 is not the allowed major version v4",
        ),
        (
            "      - uses: someone/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0",
            "is not the allowed major version None",
        ),
    ],
)
def test_an_action_pinned_by_tag_or_without_its_release_is_refused(line, problem):
    (found,) = pin_problems(f"steps:\n{line}\n", "x.yml")
    assert found.startswith("x.yml:2: ") and problem in found


# --------------------------------------------------------------------------- supply chain: installs

_SEPARATORS = {"&&", "||", ";", "|", "&", ";;"}


def pip_installs(script: str) -> list[list[str]]:
    """The arguments after `pip install` of each pip install in a shell script."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        if "pip" not in line or line.lstrip().startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        for token in [*lexer, ";"]:
            if token not in _SEPARATORS:
                command.append(token)
                continue
            for i, word in enumerate(command[:-1]):
                if re.fullmatch(r"pip[\d.]*", Path(word).name) and command[i + 1] == "install":
                    found.append(command[i + 2 :])
                    break
            command = []
    return found


def install_problem(args: list[str]) -> str | None:
    """Why `pip install ARGS` does not install from the lock (None when it does).

    Two forms are allowed: lock files, `--require-hashes --no-build-isolation -r
    requirements/<name>.txt` (every package pinned and checked against its SHA-256; no isolated
    build environment, which pip would fill with a setuptools it fetched unchecked), and the
    project itself, `--no-deps --no-build-isolation -e .`, which adds nothing else (a directory
    has no hash to check; OpenSSF Scorecard counts only an editable one with --no-deps as
    pinned).
    """
    options, files, targets = set(), [], []
    words = iter(args)
    for word in words:
        if word in ("-r", "--requirement"):
            files.append(next(words, ""))
        elif word.startswith("--requirement="):
            files.append(word.partition("=")[2])
        elif word in ("-e", "--editable"):
            targets.append(f"-e {next(words, '')}")
        elif word.startswith("-"):
            options.add(word.partition("=")[0])
        else:
            targets.append(word)
    shown = "pip install " + shlex.join(args)
    if files and not targets:
        for name in files:
            if not re.fullmatch(r"requirements/[\w-]+\.txt", name) or not (ROOT / name).is_file():
                return f"{shown}: {name} is not a lock file in requirements/"
        missing = {"--require-hashes", "--no-build-isolation"} - options
        if missing:
            return f"{shown}: without {' and '.join(sorted(missing))}"
        return None
    if targets == ["-e ."] and not files:
        missing = {"--no-deps", "--no-build-isolation"} - options
        if missing:
            without = " and ".join(sorted(missing))
            return f"{shown}: the project without {without} brings in unlocked packages"
        return None
    return f"{shown}: installs {' '.join(targets) or 'something'} from outside the lock"


def lock_installed(args: list[str]) -> str | None:
    """The lock file that `pip install ARGS` installs, if it installs one."""
    return next(
        (args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-r", "--requirement")), None
    )


def job_installs(job: dict) -> list[list[str]]:
    return [args for step in steps(job) for args in pip_installs(step.get("run", ""))]


# Where each lock is installed: the Publish build needs the runtime packages only, the Check
# the tests' too, .ci/run every extra (ftm builds PyICU, with Debian's ICU that it installs).
INSTALLERS = {
    "pages.yml build": "requirements/runtime.txt",
    "check.yml check": "requirements/test.txt",
    "check.yml properdocs": "requirements/properdocs.txt",
    ".ci/run": "requirements/all.txt",
}


def installers() -> dict[str, list[list[str]]]:
    found = {
        f"{workflow} {name}": job_installs(job)
        for workflow, name, job in all_jobs()
        if "actions/checkout" in uses(job)  # the deploy job installs and runs nothing
    }
    found[".ci/run"] = pip_installs(CI_RUN.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("where", sorted(INSTALLERS))
def test_every_install_goes_through_the_lock(where):
    installs = installers()[where]
    assert [install_problem(args) for args in installs] == [None] * len(installs)
    # setuptools first (it builds the few packages that ship no wheel), then the packages,
    # then the project on top
    assert [lock_installed(args) or "the project" for args in installs] == [
        "requirements/build.txt",
        INSTALLERS[where],
        "the project",
    ]


def test_nothing_else_installs_python_packages():
    assert set(installers()) == set(INSTALLERS)


@pytest.mark.parametrize(
    "command",
    [
        # what the workflows and .ci/run ran before the lock
        "python -m pip install -e '.[test]'",
        "python -m pip install .",
        "python -m pip install -q --upgrade pip",
        "python -m pip install -q -e '.[test,ftm]'",
        # a lock without hash checking, or with an isolated build that fetches setuptools
        "python -m pip install -r requirements/test.txt",
        "python -m pip install --no-build-isolation -r requirements/test.txt",
        "python -m pip install --require-hashes -r requirements/test.txt",
        # something beside the lock, or a file that is not one
        "pip install --require-hashes --no-build-isolation -r requirements/test.txt ruff",
        "pip install --require-hashes --no-build-isolation -r requirements.txt",
        "pip install --require-hashes --no-build-isolation -r requirements/nope.txt",
        # the project with its dependencies, or its extras, or not editable (Scorecard)
        "pip install --no-deps --no-build-isolation .",
        "pip install --no-build-isolation -e .",
        "pip install --no-deps -e .",
        "pip install --no-deps --no-build-isolation -e '.[test]'",
        "pip3 install mkdocs",
        "python3 -m pip install -U pip && python -m pytest",
    ],
)
def test_an_install_that_bypasses_the_lock_is_refused(command):
    (args,) = pip_installs(command)
    assert install_problem(args) is not None


def test_pip_installs_are_found_in_every_shape_a_script_writes_them():
    script = (
        "set -e\n"
        "# python -m pip install commented-out\n"
        "python -m pip install -q a && .venv/bin/pip install b; pip3.11 install c \\\n"
        "  d\n"
        'if true; then pip install "e"; fi\n'
    )
    assert pip_installs(script) == [["-q", "a"], ["b"], ["c", "d"], ["e"]]


# --------------------------------------------------------------------------- supply chain: the lock


def parse_lock(text: str) -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    """A pip-compile lock: {package: (version, hashes)}, and the lines that are neither."""
    pins, others = {}, []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        found = re.fullmatch(
            r"(?P<name>[\w.-]+)==(?P<version>\S+)(?P<hashes>(\s+--hash=\S+)*)", line
        )
        if not found:
            others.append(line)
            continue
        hashes = found["hashes"].split()
        pins[canonicalize_name(found["name"])] = (found["version"], hashes)
    return pins, others


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def locks(pyproject) -> dict[str, dict[str, tuple[str, list[str]]]]:
    found = {}
    for name in lock_tool.requirements_of(pyproject):
        path = LOCKS / f"{name}.txt"
        assert path.is_file(), f"requirements/{name}.txt is missing: run python tools/lock.py"
        found[name], _ = parse_lock(path.read_text(encoding="utf-8"))
    return found


def test_the_locks_are_the_ones_the_installs_use(pyproject):
    assert [f"requirements/{n}.txt" for n in lock_tool.requirements_of(pyproject)] == [
        "requirements/build.txt",
        "requirements/runtime.txt",
        "requirements/test.txt",
        "requirements/all.txt",
        "requirements/properdocs.txt",
    ]
    assert set(INSTALLERS.values()) | {"requirements/build.txt"} == {
        str(p.relative_to(ROOT)) for p in LOCKS.glob("*.txt")
    }


def unpinned(pyproject: dict, locks: dict[str, dict[str, tuple[str, list[str]]]]) -> list[str]:
    """Each requirement of pyproject.toml that its lock does not pin at a version it allows."""
    problems = []
    for name, requirements in lock_tool.requirements_of(pyproject).items():
        for text in requirements:
            requirement = Requirement(text)
            pin = locks[name].get(canonicalize_name(requirement.name))
            if pin is None:
                problems.append(f"{text}: not in requirements/{name}.txt")
            elif not requirement.specifier.contains(pin[0], prereleases=True):
                problems.append(f"{text}: requirements/{name}.txt pins {pin[0]}")
    return problems


def test_every_dependency_in_pyproject_is_pinned_in_its_lock(pyproject, locks):
    # The build backend, the dependencies, and every extra but `lock` (pip-tools, the tool
    # that makes the locks): a dependency added to pyproject.toml fails here until the lock
    # is made again.
    assert set(lock_tool.locked_extras(pyproject)) >= {"test", "ftm"}
    problems = unpinned(pyproject, locks)
    assert problems == [], "run python tools/lock.py\n" + "\n".join(problems)


def test_a_dependency_added_without_making_the_lock_again_is_seen(pyproject, locks):
    changed = copy.deepcopy(pyproject)
    changed["project"]["dependencies"].append("not-locked-yet>=1")
    changed["project"]["optional-dependencies"]["ftm"].append("also-not-locked>=2")
    changed["project"]["optional-dependencies"]["test"].append("pytest>=99")
    assert unpinned(changed, locks) == [
        "not-locked-yet>=1: not in requirements/runtime.txt",
        "not-locked-yet>=1: not in requirements/test.txt",
        f"pytest>=99: requirements/test.txt pins {locks['test']['pytest'][0]}",
        "not-locked-yet>=1: not in requirements/all.txt",
        f"pytest>=99: requirements/all.txt pins {locks['all']['pytest'][0]}",
        "also-not-locked>=2: not in requirements/all.txt",
        "not-locked-yet>=1: not in requirements/properdocs.txt",
    ]
    assert lock_tool.stale_inputs(changed) == ["runtime.in", "test.in", "all.in"]


def test_the_in_files_are_made_from_pyproject(pyproject):
    assert lock_tool.stale_inputs(pyproject) == [], "run python tools/lock.py"


@pytest.mark.parametrize("name", ["build", "runtime", "test", "all"])
def test_every_package_is_pinned_by_version_and_hash(name):
    text = (LOCKS / f"{name}.txt").read_text(encoding="utf-8")
    pins, others = parse_lock(text)
    assert others == []  # no options (an index, find-links), editables, URLs or ranges
    assert pins
    for package, (version, hashes) in pins.items():
        assert hashes, f"requirements/{name}.txt: {package}=={version} has no hash"
        assert all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), package
    # made by pip-compile, whose header Dependabot reads, for the Python that CI runs
    python = ".".join(map(str, lock_tool.PYTHON))
    assert f"autogenerated by pip-compile with Python {python}\n" in text
    assert f"--output-file=requirements/{name}.txt" in text


def test_a_package_has_one_version_in_every_lock(locks):
    versions: dict[str, set[str]] = {}
    for pins in locks.values():
        for package, (version, _) in pins.items():
            versions.setdefault(package, set()).add(version)
    assert {p: v for p, v in versions.items() if len(v) > 1} == {}


def test_each_lock_holds_the_one_before_it(locks):
    # runtime ⊂ test ⊂ all: what the Check tests is what the Publish installs
    assert set(locks["runtime"]) <= set(locks["test"]) <= set(locks["all"])
    assert "setuptools" in locks["build"]


def test_a_lock_entry_without_a_hash_or_with_a_range_is_seen():
    pins, others = parse_lock(
        "a==1.0 \\\n    --hash=sha256:" + "0" * 64 + "\n"
        "b==2.0\n"
        "c>=3\n"
        "-e .\n"
        "--index-url https://example.org/simple\n"
    )
    assert pins == {"a": ("1.0", ["--hash=sha256:" + "0" * 64]), "b": ("2.0", [])}
    assert others == ["c>=3", "-e .", "--index-url https://example.org/simple"]


# --------------------------------------------------------------------------- supply chain: upkeep


def test_dependabot_updates_the_actions_and_the_locks_weekly():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    assert updates["github-actions"]["directory"] == "/"
    # pip: the .in/.txt pairs in requirements/, updated within pyproject.toml's ranges
    pip = updates["pip"]
    assert pip["directory"] == "/requirements"
    assert pip["versioning-strategy"] == "lockfile-only"
    for name in ("build", "runtime", "test", "all"):
        assert (LOCKS / f"{name}.in").is_file() and (LOCKS / f"{name}.txt").is_file()
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"], "one pull request a week per ecosystem, not one per package"


def test_code_owners_review_what_builds_and_publishes_the_site():
    owners = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *who = line.split()
            owners[path] = who
    for path in ("/.github/", "/site_builder/", "/requirements/", "/.ci/", "/pyproject.toml"):
        assert owners.get(path), f"CODEOWNERS: no owner for {path}"
    # a placeholder the README tells the maintainer to replace
    assert "@OWNER/maintainers" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_security_policy_says_how_to_report_privately_what_is_in_scope_and_what_is_supported():
    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for heading in (
        "## Report a vulnerability privately",
        "## What is in scope",
        "## Supported versions",
    ):
        assert heading in policy
    assert "Report a\nvulnerability" in policy or "Report a vulnerability**" in policy
    assert "run script on the site" in policy


def test_a_job_builds_the_shipped_and_a_generated_archive_with_properdocs(check):
    job = check["jobs"]["properdocs"]
    runs = "\n".join(s.get("run", "") for s in steps(job))
    assert runs.count("properdocs build --strict") == 2
    assert re.search(r"benchmarks/generate\.py \S+ --articles 50", runs)
    assert runs.count("site-builder verify site") == 2


def test_lint_format_and_types_run_in_ci_and_in_the_check_workflow(check):
    job = check["jobs"]["check"]
    runs = "\n".join(s.get("run", "") for s in steps(job))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for text in (runs, ci):
        assert re.search(r"^ruff check\b", text, re.M)
        assert re.search(r"^ruff format --check\b", text, re.M)
        assert re.search(r"^mypy\b", text, re.M)
    # the test command comes last in .ci/run: its exit code is the run's
    assert ci.rstrip().splitlines()[-1].startswith("python -m pytest")
