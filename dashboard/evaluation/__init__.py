"""Measuring the parser and the classifier on labelled real text (`python -m dashboard evaluate`)."""
