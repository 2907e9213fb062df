"""Dialogue Outcomes Dashboard: reports of civic dialogue events turned into evidence."""
