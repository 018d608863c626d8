"""environment.yml (conda) and pyproject.toml name the same dependencies."""

import re
import tomllib

import yaml

from conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _specs(spec: str) -> str:
    return spec.strip().lower().replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d): _specs(d) for d in project["dependencies"]}
    wanted.update({_name(d): _specs(d) for d in project["optional-dependencies"]["test"]})
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            name = _name(item)
            if name in ("python", "pip", "-e", ""):
                continue
            found[name] = _specs(item)
    assert found == wanted
