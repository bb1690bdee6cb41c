"""Save a model as one skops artifact and load it back without executing arbitrary code."""
from __future__ import annotations

import hashlib
import io
import json
import platform
import zipfile
from importlib.metadata import version

import numpy as np
import skops.io as sio

from classifier.calibration import Calibration
from classifier.involvement import InvolvementHead
from classifier.features import ModelOptions, pipeline_state, restore_pipeline
from classifier.model import Model

FORMAT = 1
# The artifact holds only plain data and numeric arrays. skops would by itself trust any scikit-learn
# class; this list is stricter: a file naming any other type is refused before anything is built.
TRUSTED_TYPES = frozenset({
    "builtins.bool", "builtins.dict", "builtins.float", "builtins.int", "builtins.list", "builtins.str",
    "numpy.ndarray",
})


class ArtifactRefused(Exception):
    """A stored model that must not be loaded: altered since it was saved, or holding unknown types."""


def sha256(artifact: bytes) -> str:
    """Return the artifact's SHA-256 hex digest."""
    return hashlib.sha256(artifact).hexdigest()


def stored_types(artifact: bytes) -> set[str]:
    """Return every type a skops artifact names in its schema (read as JSON, nothing is built)."""
    with zipfile.ZipFile(io.BytesIO(artifact)) as archive:
        schema = json.loads(archive.read("schema.json"))
    found: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if "__class__" in node and "__module__" in node:
                found.add(f"{node['__module__']}.{node['__class__']}")
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def library_versions() -> dict[str, str]:
    """Return the versions of the libraries a saved model depends on."""
    versions = {name: version(name) for name in ("scikit-learn", "skops", "numpy", "scipy")}
    versions["python"] = platform.python_version()
    return versions


def dump(model: Model) -> bytes:
    """Serialise a model (pipeline, topics, calibration, options, metrics) to skops bytes, deflated (half
    the size: the vocabularies compress well, and every app server reads the row over the network)."""
    return sio.dumps({
        "format": FORMAT,
        "pipeline": pipeline_state(model.pipeline),
        "involvement_coef": np.asarray(model.involvement.coef, dtype=np.float32),
        "involvement_intercept": np.asarray(model.involvement.intercept, dtype=np.float64),
        "departments": dict(model.departments),
        "names": {topic: list(pair) for topic, pair in model.names.items()},
        "calibration": model.calibration.as_dict(),
        "options": {k: list(v) if isinstance(v, tuple) else v for k, v in model.options.as_dict().items()},
        "training_hash": model.training_hash,
        "trained_on": sorted(model.trained_on),
    }, compression=zipfile.ZIP_DEFLATED, compresslevel=6)


def load(artifact: bytes, expected_sha256: str, *, version_id: int | None = None) -> Model:
    """Check the checksum and the types inside, then load; raise ArtifactRefused if either fails."""
    label = f"model version {version_id}" if version_id is not None else "model artifact"
    if sha256(artifact) != expected_sha256:
        raise ArtifactRefused(f"{label}: the artifact's SHA-256 does not match the stored one; "
                              "it was altered after it was saved, so it is not loaded")
    try:
        named = stored_types(artifact) | set(sio.get_untrusted_types(data=artifact))
        if unknown := named - TRUSTED_TYPES:
            raise ArtifactRefused(f"{label}: holds types outside the allow-list: {', '.join(sorted(unknown))}")
        data = sio.loads(artifact, trusted=sorted(named))
    except ArtifactRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to read means the artifact is unusable
        raise ArtifactRefused(f"{label}: cannot be read ({exc})") from exc
    if data.get("format") != FORMAT:
        raise ArtifactRefused(f"{label}: unknown artifact format {data.get('format')!r}")
    options = ModelOptions.from_dict(data["options"])
    return Model(
        pipeline=restore_pipeline(options, data["pipeline"]),
        involvement=InvolvementHead(data["involvement_coef"], data["involvement_intercept"]), departments=dict(data["departments"]),
        names={topic: (pair[0], pair[1]) for topic, pair in data["names"].items()},
        calibration=Calibration(**data["calibration"]), options=options,
        training_hash=data["training_hash"], trained_on=frozenset(data["trained_on"]), version=version_id,
    )
