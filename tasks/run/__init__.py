"""Running the stages: worker pools, progress, memory upkeep, scheduled serving and previews."""
