"""Text -> ranked topics with calibrated scores and an explanation (scikit-learn; no Flask)."""
