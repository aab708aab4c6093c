"""PDF through WeasyPrint: the engine, the embedded fonts and the glyphs they must hold."""
