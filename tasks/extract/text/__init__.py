"""Plain-text page scrapes: line features and phrases, the body, the headline and the date."""
