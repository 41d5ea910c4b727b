"""Stage 1: the text normalised and cut into typed lines, paragraphs and sentences."""
