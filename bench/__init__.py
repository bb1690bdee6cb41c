"""Benchmarks (`make bench`): reported figures, not tests."""
