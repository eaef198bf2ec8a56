"""Answer microneedling aftercare questions from the patient's own clinic protocol."""

__version__ = "0.1.0"
