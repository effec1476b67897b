"""Recognition: template version, sections, tables → canonical keys, metadata, narrative."""
