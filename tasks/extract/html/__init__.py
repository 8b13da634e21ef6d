"""HTML pages: cleaning and parsing, the body, the headline and the declared metadata."""
