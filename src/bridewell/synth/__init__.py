"""Synthetic custody records in the v1 interchange format, with planted defects and their truth.

Used by ``bridewell synth``, by tests (does the audit find exactly what was planted?) and by
demos. Distributions and defect kinds are documented in ``docs/synthetic-data.md``.
"""

from bridewell.synth.generate import Planted, SynthOptions, generate
from bridewell.synth.timing import span_days

__all__ = ["Planted", "SynthOptions", "generate", "span_days"]
