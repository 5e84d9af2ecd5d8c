"""Seat assignment for dialogue sessions: a pure problem model, a fast heuristic and CP-SAT."""
