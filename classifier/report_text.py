"""A report as lines a person reads in a terminal."""
from __future__ import annotations

from classifier.calibration import MAX_REVIEW, TARGET_PRECISION
from classifier.evaluation import Report

TARGETS = {"top1": 0.90, "top3": 0.98, "department": 0.97, "auto_precision": TARGET_PRECISION}


def _mark(key: str, value: float) -> str:
    target = TARGETS.get(key)
    return "" if target is None else ("  ok" if value >= target else f"  (target {target:.2f})")


def report_lines(report: Report, title: str) -> list[str]:
    """Return the headline figures, the review trade-off, calibration, per-topic figures and confusions."""
    lines = [f"{title}: {report.examples} inquiries"]
    for key, label in (("top1", "topic top-1"), ("top3", "topic top-3"), ("macro_f1", "macro-F1"),
                       ("department", "department"), ("auto_precision", "auto-routed precision")):
        value = getattr(report, key)
        lines.append(f"  {label:<24}{value:6.3f}{_mark(key, value)}")
    review_mark = "  ok" if report.review <= MAX_REVIEW + 1e-9 else f"  (target <= {MAX_REVIEW:.2f})"
    lines.append(f"  {'coverage (auto-routed)':<24}{report.coverage:6.3f}   to review {report.review:.3f}{review_mark}")
    lines.append(f"  {'team F1 (multi-topic)':<24}{report.team_f1:6.3f}")
    lines.append(f"  {'calibration error (ECE)':<24}{report.ece:6.3f}")
    calibration = report.calibration
    lines.append(f"  thresholds: review below {calibration['review_threshold']:.3f}, team from "
                 f"{calibration['team_threshold']:.2f}, temperature {calibration['temperature']:.3f}")
    lines.append("  reliability (lead score bin: count, mean score, accuracy):")
    lines += [f"    {low:.1f}-{high:.1f}: {count:5d}  {conf:.3f}  {acc:.3f}"
              for low, high, count, conf, acc in report.reliability]
    lines.append("  per topic (precision, recall, support):")
    lines += [f"    {f.topic:<28}{f.precision:6.3f}{f.recall:7.3f}{f.support:6d}" for f in report.per_topic]
    lines.append("  most confused (true -> predicted: count):")
    lines += [f"    {truth} -> {predicted}: {count}" for truth, predicted, count in report.confused] or ["    none"]
    return lines
