"""Sizing: memory and throughput from model and GPU facts, and their fit to measurements."""
