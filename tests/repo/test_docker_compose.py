"""docker-compose.yml (try the addons with the official images) is checked here, since the images
cannot be pulled on CI's machines: services, images, mounts, the database made on first start."""

import re

import pytest
import yaml

from conftest import ADDONS, REPO

EXTRA_ADDONS = "/mnt/extra-addons"
# the one variable of docker-compose.yml: the Odoo series, 18.0 by default
SERIES_VARIABLE = "${ODOO_SERIES:-18.0}"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def odoo(compose):
    return compose["services"]["odoo"]


def options(command):
    """``--name=value``, ``--name value`` and ``-x value`` of a command as {name: value}."""
    command = command.split() if isinstance(command, str) else list(command)
    short = {"-d": "--database", "-i": "--init", "-u": "--update", "-c": "--config"}
    found, i = {}, 0
    while i < len(command):
        word = short.get(command[i], command[i])
        if word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
            found[name] = value
        elif word.startswith("--"):
            following = command[i + 1] if i + 1 < len(command) else None
            if following is not None and not following.startswith("-"):
                found[word], i = following, i + 1
            else:
                found[word] = True
        i += 1
    return found


def dockerfile(odoo):
    build = odoo["build"]
    return (REPO / build["context"] / build.get("dockerfile", "Dockerfile")).read_text()


def strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif node is not None:
        yield str(node)


def test_services_and_images(compose, odoo):
    assert set(compose["services"]) == {"db", "odoo"}
    assert compose["services"]["db"]["image"] == "postgres:16"
    # the official image of the series chosen, 18.0 unless ODOO_SERIES says 19.0
    assert odoo["build"]["args"]["ODOO_SERIES"] == SERIES_VARIABLE
    assert odoo["image"] == f"opportunity-pipeline-odoo:{SERIES_VARIABLE}"
    froms = re.findall(r"^FROM\s+(\S+)", dockerfile(odoo), re.MULTILINE)
    assert froms == ["odoo:${ODOO_SERIES}"]
    assert re.search(r"^ARG ODOO_SERIES=18\.0$", dockerfile(odoo), re.MULTILINE)
    assert dockerfile(odoo).strip().endswith("USER odoo"), "Odoo runs as odoo again"


def test_demo_data_on_both_series(odoo):
    """18.0 loads demo data into the database it creates; 19.0 only with with_demo, which the
    image of a series other than 18.0 sets in the official image's configuration file."""
    text = dockerfile(odoo)
    condition = r'if \[ "\$ODOO_SERIES" != "18\.0" \]; then '
    assert re.search(condition + r'echo "with_demo = True" >> /etc/odoo/odoo\.conf', text)
    assert "--with-demo" not in options(odoo["command"]), "18.0 does not know it"


def test_image_installs_the_addons_python_requirements(odoo):
    requirements = [
        line.split("#")[0].strip()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    assert requirements
    installs = " ".join(re.findall(r"pip3? install ([^\n]+)", dockerfile(odoo)))
    for requirement in requirements:
        assert re.search(rf"(?<![\w-]){re.escape(requirement)}(?![\w-])", installs), requirement


def test_each_addon_is_mounted_as_an_extra_addon(odoo):
    mounts = {}
    for volume in odoo["volumes"]:
        source, target, *_ = volume.split(":")
        mounts[target] = source
    for addon in ADDONS:
        source = mounts.get(f"{EXTRA_ADDONS}/{addon.name}")
        assert source, f"{addon.name} is not mounted in {EXTRA_ADDONS}"
        assert (REPO / source).resolve() == addon
    assert "/var/lib/odoo" in mounts, "the filestore survives a restart"


def test_command_creates_the_database_with_the_addons_and_demo_data(odoo):
    command = odoo["command"]
    first = command[0] if isinstance(command, list) else command.split()[0]
    assert first in ("odoo", "--"), "the official entrypoint passes the database settings then"
    found = options(command)
    assert EXTRA_ADDONS in str(found.get("--addons-path", "")).split(",")
    assert found.get("--database"), "a database is named, so Odoo creates it on first start"
    installed = str(found.get("--init", "")).split(",")
    assert {addon.name for addon in ADDONS} <= set(installed)
    # any value, "False" included, turns demo data off in Odoo 18
    assert "--without-demo" not in found
    assert "--stop-after-init" not in found
    assert "--db-filter" not in found or re.match(found["--db-filter"], found["--database"])


def test_database_connection_and_port(compose, odoo):
    db = compose["services"]["db"]["environment"]
    env = odoo["environment"]
    assert env["HOST"] == "db"
    assert (env["USER"], env["PASSWORD"]) == (db["POSTGRES_USER"], db["POSTGRES_PASSWORD"])
    assert "db" in odoo["depends_on"]
    assert "8069:8069" in [str(port) for port in odoo["ports"]]
    declared = set(compose.get("volumes") or {})
    named = {
        v.split(":")[0]
        for service in compose["services"].values()
        for v in service.get("volumes", [])
        if not v.startswith((".", "/"))
    }
    assert named <= declared


def test_no_dollar_compose_would_read_as_a_variable(compose):
    for text in strings(compose):
        text = text.replace(SERIES_VARIABLE, "")
        assert not re.search(r"\$(?!\$)", text), f"{text!r}: write $$ for a literal $"


@pytest.mark.parametrize(
    "command, expected",
    [
        ("odoo -d db -i a,b --without-demo=False", {"--database": "db", "--init": "a,b"}),
        (["--", "--database", "db", "--stop-after-init"], {"--database": "db"}),
    ],
)
def test_options_parser(command, expected):
    found = options(command)
    assert expected.items() <= found.items()
    assert ("--without-demo" in found) == ("without-demo" in str(command))
