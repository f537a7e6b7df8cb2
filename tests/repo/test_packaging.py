"""Each addon builds as a pip wheel ``odoo_addon_<name>`` per Odoo series (18.0 and 19.0) from the
one source, with whool, as the OCA publishes them (``scripts/build_wheels.sh``): name, version
and dependencies come from the manifest, the series from the build, the files from git."""

import ast
import email.parser
import os
import re
import subprocess
import zipfile

import pytest

from conftest import ADDONS, REPO

OURS = {addon.name for addon in ADDONS}


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text())


SERIES = ("18.0", "19.0")


@pytest.fixture(scope="module", params=SERIES)
def series(request):
    return request.param


@pytest.fixture(scope="module")
def wheels(tmp_path_factory, series):
    """The three wheels of ``series``, built by the repository's script as a release would:
    {addon name: wheel path}."""
    out = tmp_path_factory.mktemp(f"wheels-{series}")
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "build_wheels.sh"), series, str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PIP_NO_WARN_SCRIPT_LOCATION": "1"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    built = {}
    for path in out.glob("*.whl"):
        name = re.fullmatch(r"odoo_addon_(\w+?)-(.+)-py3-none-any\.whl", path.name)
        assert name, f"unexpected wheel name {path.name}"
        built[name.group(1)] = path
    assert set(built) == OURS, sorted(p.name for p in out.iterdir())
    return built


def metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.HeaderParser().parsestr(archive.read(name).decode())


def tracked_files(addon):
    """The addon's files under git control: what whool packages."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=addon, capture_output=True, text=True, check=True
    )
    return {path for path in listed.stdout.split("\0") if path}


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_wheel_name_and_version_follow_the_manifest(wheels, series, addon):
    meta = metadata(wheels[addon.name])
    assert meta["Name"] == f"odoo-addon-{addon.name}"
    version = manifest(addon)["version"]
    # the manifest holds the addon's own version, the series comes from the build
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    assert meta["Version"] == f"{series}.{version}"
    assert wheels[addon.name].name == f"odoo_addon_{addon.name}-{meta['Version']}-py3-none-any.whl"
    assert meta["Summary"] == " ".join(manifest(addon)["summary"].split())
    assert meta["License"] == manifest(addon)["license"]
    assert f"Framework :: Odoo :: {series}" in meta.get_all("Classifier")
    assert "Development Status :: 4 - Beta" in meta.get_all("Classifier")


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_wheel_dependencies(wheels, series, addon):
    """Odoo core addons (sale, project, mail...) are all in the ``odoo`` requirement; an addon of
    this repository becomes ``odoo-addon-<name>``; external_dependencies are requirements too."""
    data = manifest(addon)
    requires = set(metadata(wheels[addon.name]).get_all("Requires-Dist"))
    expected = {f"odoo=={series}.*"}
    expected |= {f"odoo-addon-{name}=={series}.*" for name in data["depends"] if name in OURS}
    expected |= set(data.get("external_dependencies", {}).get("python", []))
    assert requires == expected


def test_bridges_require_the_core_and_the_core_requires_docxtpl(wheels, series):
    for bridge in ("opportunity_pipeline_sale", "opportunity_pipeline_project"):
        requires = metadata(wheels[bridge]).get_all("Requires-Dist")
        assert f"odoo-addon-opportunity_pipeline=={series}.*" in requires
        assert not any(r.startswith(("odoo-addon-sale", "odoo-addon-project")) for r in requires)
    assert "docxtpl" in metadata(wheels["opportunity_pipeline"]).get_all("Requires-Dist")


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_wheel_holds_the_addon_files(wheels, addon):
    prefix = f"odoo/addons/{addon.name}/"
    with zipfile.ZipFile(wheels[addon.name]) as archive:
        names = archive.namelist()
    inside = {n[len(prefix) :] for n in names if n.startswith(prefix)}
    outside = [n for n in names if not n.startswith(prefix) and ".dist-info/" not in n]
    assert not outside, outside
    data = manifest(addon)
    expected = set(data["data"]) | set(data.get("demo", []))
    expected |= {"__init__.py", "__manifest__.py", "README.rst", "i18n/vi.po"}
    expected |= {"static/description/icon.png", "static/description/index.html"}
    assert expected <= inside, sorted(expected - inside)
    assert "pyproject.toml" not in inside
    assert tracked_files(addon) - {"pyproject.toml"} <= inside


def test_core_wheel_holds_security_tools_and_screenshots(wheels):
    with zipfile.ZipFile(wheels["opportunity_pipeline"]) as archive:
        inside = set(archive.namelist())
    core = REPO / "opportunity_pipeline"
    prefix = "odoo/addons/opportunity_pipeline/"
    assert prefix + "security/ir.model.access.csv" in inside
    tools = {prefix + "tools/" + p for p in tracked_files(core / "tools") if p.endswith(".py")}
    assert {prefix + "tools/__init__.py", prefix + "tools/code_pattern.py"} <= tools <= inside
    shots = [n for n in inside if re.match(prefix + r"static/description/.*\.(png|jpg)$", n)]
    assert len(shots) >= 3, shots
