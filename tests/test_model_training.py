"""Training: a topic added at run time is reachable, corrections teach, a worse model is not activated."""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from classifier import versions
from classifier.corrections import FRESH_WEIGHT, correction_examples, correction_weight
from classifier.examples import Example, seed_examples, training_hash
from classifier.features import ModelOptions
from classifier.retraining import TrainingData, judge
from classifier.topics import TopicInfo, topic_infos
from classifier.training import assign_folds, cross_validate, fit
from directory.db import utc_now
from directory.models import Competence, Section, Speciality, Staff, Topic
from router.models import TrainingExample

DRONES = TopicInfo(
    id="drones", department="technical-services", name_da="Droner og luftfoto",
    name_en="Drones and aerial photography",
    covers_da="Droneflyvning over byområder, tilladelse til at flyve med drone, luftfotografering",
    covers_en="Drone flights over towns, permission to fly a drone, aerial photography",
    specialities=("droneflyvning ved havnen", "luftfoto"),
)


def test_a_topic_added_with_only_a_description_is_reachable(trained_model, directory_topics):
    model = fit(seed_examples(), [*directory_topics, DRONES], trained_model.calibration)
    assert model.classify("Må vi flyve med en drone over havnen for at tage billeder til hjemmesiden?").lead == "drones"
    assert model.classify("Can we fly a drone over the harbour to film our new building?").lead == "drones"
    assert model.classify("Vi vil bygge en carport ved butikken").lead == "building-permit"


def test_the_directory_gives_new_topics_and_their_staffs_specialities(session):
    section = session.query(Section).filter_by(department_id="technical-services").first()
    session.add(Topic(id="drones", department_id="technical-services", kle="00.00", name_da="Droner",
                      name_en="Drones", covers_da="Droneflyvning", covers_en="Drone flights"))
    person = Staff(name="Dina Drone", email="dina@havvig.example", section=section)
    person.competences.append(Competence(topic_id="drones", level="primary"))
    person.specialities.append(Speciality(keyword="luftfoto"))
    session.add(person)
    session.flush()
    drones = {t.id: t for t in topic_infos(session)}["drones"]
    assert drones.covers_da == "Droneflyvning" and drones.specialities == ("luftfoto",)
    assert "Drones" in drones.phrases()


def test_corrections_change_the_models_answer(session, trained_model, directory_topics):
    probe = "Kan vi indrette en hundepension i de tomme minkhaller?"
    assert trained_model.classify(probe).lead != "rural-zone"
    for text in ("Vi vil gerne lave vores gamle minkfarm om til hundepension",
                 "Vi overvejer at åbne et hundehotel i den gamle minkhal på landet",
                 "Vi har et tomt minkanlæg som vi vil bruge til hundepension"):
        session.add(TrainingExample(text=text, topics=["rural-zone"], source="forward"))
    session.flush()
    corrections = correction_examples(session)
    assert [ex.weight for ex in corrections] == [FRESH_WEIGHT] * 3
    model = fit(seed_examples() + corrections, directory_topics, trained_model.calibration)
    assert model.classify(probe).lead == "rural-zone"


def test_newer_corrections_weigh_more_and_an_inquirys_latest_verdict_wins(session):
    now = utc_now()
    session.add_all([
        TrainingExample(text="gammel sag", topics=["soil"], source="forward", created_at=now - timedelta(days=400)),
        TrainingExample(text="ny sag 010190-1234", topics=["soil"], source="triage", created_at=now),
    ])
    session.flush()
    old, new = correction_examples(session, now)
    assert new.weight > old.weight >= correction_weight(10_000)
    assert new.text == "ny sag [CPR]" and new.source == "correction:triage"
    assert correction_weight(0) == FRESH_WEIGHT and correction_weight(180) == pytest.approx(FRESH_WEIGHT / 2)


def test_folds_are_stratified_and_repeatable():
    examples = [Example(f"t{i}", (topic,)) for topic in ("a", "b", "c") for i in range(11)] + [Example("x", ("d",))]
    folds = assign_folds(examples)
    assert np.array_equal(folds, assign_folds(examples))
    for topic in "abc":
        per_fold = np.bincount([f for f, ex in zip(folds, examples) if ex.primary == topic], minlength=5)
        assert per_fold.max() - per_fold.min() <= 1


def test_the_training_hash_follows_the_data_not_its_order():
    a, b = Example("x", ("soil",)), Example("y", ("growth",), weight=2.0)
    assert training_hash([a, b]) == training_hash([b, a]) != training_hash([a, Example("y", ("growth",))])


def test_a_candidate_worse_than_the_active_model_is_not_activated():
    active = {"top1": 0.80, "department": 0.90, "auto_precision": 0.85}
    assert versions.compare({"top1": 0.80, "department": 0.90, "auto_precision": 0.85}, active).activate
    assert versions.compare({"top1": 0.798, "department": 0.91, "auto_precision": 0.86}, active).activate
    verdict = versions.compare({"top1": 0.75, "department": 0.90, "auto_precision": 0.85}, active)
    assert not verdict.activate and "top1 0.750 < 0.800" in verdict.reason
    assert versions.compare({"top1": 0.1}, None).activate


def test_on_new_data_both_models_are_judged_on_what_the_active_one_never_saw(trained_model, directory_topics):
    # The active model learnt only half the seeds; the candidate's out-of-fold answers on the other
    # half are compared with the active model's own answers there.
    seeds = seed_examples()
    half = fit(seeds[::2], directory_topics, trained_model.calibration)
    validation = cross_validate(seeds[::2][:400] + seeds[1::2][:100], directory_topics, trained_model.options)
    verdict, comparison = judge(validation, TrainingData(examples=[], topics=directory_topics, active=half))
    assert comparison["basis"].startswith("100 labelled examples the active model never saw")
    assert set(comparison["active"]) >= {"top1", "department", "auto_precision"}
    assert verdict.activate == all(comparison["candidate"][k] >= comparison["active"][k] - versions.TOLERANCE
                                   for k in versions.COMPARED)


def test_the_review_threshold_keeps_routed_answers_right_and_review_small():
    from classifier.calibration import choose_review_threshold

    rng = np.random.default_rng(1)
    lead = rng.uniform(0.2, 1.0, 1000)
    correct = rng.uniform(0, 1, 1000) < lead  # a calibrated model: right as often as it is sure
    threshold = choose_review_threshold(lead, correct)
    routed = lead >= threshold
    assert routed.mean() >= 0.9  # never more than 10 % to review
    assert correct[routed].mean() > correct.mean()  # and what is routed is righter than the whole


def test_folds_and_the_final_model_trained_side_by_side_give_the_same_answers_as_one_after_another(
        directory_topics):
    seeds = seed_examples()[::12]
    one = cross_validate(seeds, directory_topics, ModelOptions())
    two = cross_validate(seeds, directory_topics, ModelOptions(), jobs=2, with_final=True)
    assert np.array_equal(one.probabilities, two.probabilities)
    assert one.report.as_dict() == two.report.as_dict()
    alone = fit(seeds, directory_topics, one.calibration)
    alongside = fit(seeds, directory_topics, two.calibration, fitted=two.final)
    texts = ["Vi vil bygge en carport ved butikken", "One of our welders has been off sick for a month"]
    assert np.array_equal(alone.probabilities(texts)[0], alongside.probabilities(texts)[0])
    assert [alone.classify(t) for t in texts] == [alongside.classify(t) for t in texts]
