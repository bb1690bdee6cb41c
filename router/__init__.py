"""Inquiries and their life cycle; the routing policy; the events that feed training."""
