"""Text in: repairs with a map back to the original (normalize), the language check, cutting
long texts (segment) and the one place that loads spaCy (parse)."""
