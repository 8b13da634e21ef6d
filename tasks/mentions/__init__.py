"""Leader mentions: leader lists in, one automaton out that finds every leader named in a body."""
