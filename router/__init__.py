"""Inquiries and their life cycle; the routing policy; the events that feed training."""
from router.policy import route

__all__ = ["route"]
