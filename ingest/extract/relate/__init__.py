"""Stage 4: relations between mentions: roles, links, locations, changes."""
