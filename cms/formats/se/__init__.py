"""Northern Sámi (davvisámegiella)."""
