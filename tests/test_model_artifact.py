"""A stored model loads back exactly, and an altered or foreign artifact is refused before any code runs."""
from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio
from sklearn.preprocessing import StandardScaler

from classifier import artifact, versions
from classifier.artifact import ArtifactRefused
from classifier.store import ModelVersion

TEXTS = ["Vi skal have tilladelse til en ny carport ved butikken",
         "We need two apprentices for our bakery",
         "Vores medarbejder er sygemeldt og vi vil gerne have refusion"]


@pytest.fixture(scope="module")
def saved(trained_model):
    data = artifact.dump(trained_model)
    return data, artifact.sha256(data)


def test_a_saved_model_answers_exactly_as_the_trained_one(trained_model, saved):
    data, digest = saved
    loaded = artifact.load(data, digest, version_id=4)
    assert loaded.version == 4 and loaded.labels == trained_model.labels
    assert loaded.calibration == trained_model.calibration
    assert np.array_equal(loaded.probabilities(TEXTS)[0], trained_model.probabilities(TEXTS)[0])
    assert [loaded.classify(t) for t in TEXTS] == [
        trained_model.classify(t).__class__(**{**trained_model.classify(t).__dict__, "model_version": 4})
        for t in TEXTS]


def test_the_artifact_is_small(saved):
    # About 110,000 word and character features for 28 topics and two heads, in float32 and deflated
    # (about 15 MB): a database row every app server loads in well under a second. It grows with the
    # seeds; 24 MB is the bound.
    assert len(saved[0]) < 24 * 1024 * 1024


def test_an_altered_artifact_is_refused_with_a_clear_error(saved):
    data, digest = saved
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 0xFF
    with pytest.raises(ArtifactRefused, match="SHA-256 does not match"):
        artifact.load(bytes(tampered), digest, version_id=9)


def test_an_artifact_holding_types_outside_the_allow_list_is_refused_unread():
    foreign = sio.dumps({"format": artifact.FORMAT, "pipeline": StandardScaler()})
    with pytest.raises(ArtifactRefused, match="outside the allow-list: sklearn.preprocessing"):
        artifact.load(foreign, artifact.sha256(foreign))


def test_a_version_altered_in_the_database_is_refused(session, trained_model):
    version = versions.store(session, trained_model, {"evaluation": {"top1": 0.8}})
    session.commit()
    row = session.get(ModelVersion, version.id)
    row.artifact = row.artifact[:-10] + b"0123456789"
    session.commit()
    with pytest.raises(ArtifactRefused, match=f"model version {version.id}"):
        versions.load(session.get(ModelVersion, version.id))
