"""modelpick: which LLM, deployed how, for this workload."""

__version__ = "0.1.0"
