"""Stage 3: what a name is (person, organisation with kind and legal form, programme)."""
