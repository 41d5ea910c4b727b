"""Stage 2: mentions of people, organisations, places and programmes."""
