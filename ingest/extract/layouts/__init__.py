"""Parsers of one genre's layout: plan outlines, governance, figures, timelines."""
