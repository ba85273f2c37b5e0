"""The shipped report templates, compiled (`modelpick.report.precompiled`)."""
