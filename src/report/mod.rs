//! Rendering query results as text, JSON and CSV.
